"""Editors in a real browser, on a server of their own: two editors at once (two browser
contexts), a view-only colleague, and readers, as the December editor review tried it.

An edit changes the draft, which an editor previews while readers still see the live
release; a major release is proposed by one editor and approved by another; a stale copy
never undoes someone else's save, on a row's form or on a system's rules page; a revert
that would overlap Sesame's tiers is refused; the preview names a Sesame band change."""

import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.helpers import PAID
from tests.services import ROOT, start_app_server

PASSWORD = "a long editor passphrase 42"
CHAPTER = f"/en/misconceptions/one-system/?{PAID}"


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory):
    url, env, stop = start_app_server(tmp_path_factory.mktemp("editor-site"))
    for name in ("ada", "ben"):
        subprocess.run([sys.executable, "manage.py", "createeditor", name, "--noinput"],
                       env={**env, "DJANGO_EDITOR_PASSWORD": PASSWORD}, cwd=ROOT, check=True,
                       capture_output=True)
    yield url
    stop()


def signed_in(browser, site, name):
    context = browser.new_context(base_url=site, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#editing-start")).to_be_visible()
    return context, page


def rongcheng(page):
    return page.locator('tr[data-system="rongcheng"] .strip-verdict')


def open_row(page, model, key):
    page.goto(f"/admin/{model}/?q={key}")
    page.get_by_role("link", name=key, exact=True).click()


def save_twice(page):
    """Save, look at the impact (no error on the page), save again."""
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#impact")).to_contain_text("Before you save")
    expect(page.locator(".errornote")).to_have_count(0)
    page.get_by_role("button", name="Save", exact=True).click()


def test_an_edit_is_a_draft_until_a_second_editor_approves_its_release(browser, editor_site):
    ada_context, ada = signed_in(browser, editor_site, "ada")
    ben_context, ben = signed_in(browser, editor_site, "ben")
    reader_context = browser.new_context(base_url=editor_site)
    reader = reader_context.new_page()

    # Ada changes a deduction: −30 → −40 points for a court debt that was paid.
    open_row(ada, "pilots/adjustment", "rc-court-paid")
    ada.fill("#id_points", "-40")
    ada.fill("#id_change_reason", "Rongcheng's revised schedule")
    ada.get_by_role("button", name="Save", exact=True).click()
    expect(ada.locator("#id_source_checked_error")).to_contain_text("confirm the source")
    ada.fill("#id_locator", "Attachment 1")
    ada.check("#id_source_checked")
    ada.get_by_role("button", name="Save", exact=True).click()
    impact = ada.locator("#impact")
    expect(impact).to_contain_text("Before you save")
    expect(impact.locator("tr", has_text="Debtor who paid")).to_contain_text(
        "970 points · A → 960 points · A (−10)")
    ada.get_by_role("button", name="Save", exact=True).click()
    expect(ada.locator(".messagelist")).to_contain_text("was changed successfully")

    # Readers still see the live release; Ada previews the draft, marked as such.
    reader.goto(CHAPTER)
    expect(rongcheng(reader)).to_contain_text("970 points · A")
    ada.goto("/admin/")
    ada.get_by_role("button", name="Preview the draft on the site").click()
    ada.goto(CHAPTER)
    expect(ada.locator("#draft-banner")).to_contain_text("Readers see release 1")
    expect(rongcheng(ada)).to_contain_text("960 points · A")
    reader.reload()
    expect(rongcheng(reader)).to_contain_text("970 points · A")
    expect(reader.locator("#draft-banner")).to_have_count(0)

    # Ada proposes a major release; the form shows what it will publish.
    ada.goto("/admin/releases/release/add/")
    expect(ada.locator("#changes")).to_contain_text("Found liable for an unpaid debt")
    ada.select_option("#id_kind", "major")
    ada.fill("#id_note_en", "Rongcheng deducts 40 points for a court debt, even once paid.")
    ada.get_by_role("button", name="Save", exact=True).click()
    expect(ada.locator(".messagelist")).to_contain_text("Another editor must approve it")
    expect(ada.get_by_role("button", name="Approve and publish")).to_have_count(0)
    proposal = ada.url
    reader.reload()
    expect(rongcheng(reader)).to_contain_text("970 points · A")

    # Ben approves it: now readers see it, and What changed says exactly what changed.
    ben.goto(proposal)
    ben.get_by_role("button", name="Approve and publish").click()
    expect(ben.locator(".messagelist")).to_contain_text("Release 2 is published")
    reader.reload()
    expect(rongcheng(reader)).to_contain_text("960 points · A")
    reader.goto("/en/changes/")
    release = reader.locator("#release-2")
    expect(release).to_contain_text("approved by a second editor")
    expect(release).to_contain_text("Found liable for an unpaid debt")
    expect(release.locator("del", has_text="-30.00")).to_have_count(1)
    expect(release.locator("ins", has_text="-40.00")).to_have_count(1)
    reader.goto("/en/systems/rongcheng/")
    expect(reader.locator(".superseded").first).to_contain_text("−30 in release 1")

    # A permalink pinned to release 1 still shows the old rule.
    reader.goto(f"{CHAPTER}&rules=1")
    expect(rongcheng(reader)).to_contain_text("970 points · A")
    reader.get_by_role("link", name="Use today's rules").click()
    expect(rongcheng(reader)).to_contain_text("960 points · A")
    for context in (ada_context, ben_context, reader_context):
        context.close()


def test_two_editors_on_one_row_never_undo_each_other(browser, editor_site):
    """The review's finding 1, on a row's own form."""
    ada_context, ada = signed_in(browser, editor_site, "ada")
    ben_context, ben = signed_in(browser, editor_site, "ben")
    open_row(ada, "pilots/adjustment", "rc-traffic-tickets")
    open_row(ben, "pilots/adjustment", "rc-traffic-tickets")
    ada.fill("#id_points", "-6")
    ada.fill("#id_change_reason", "Ada: six points")
    ada.check("#id_source_checked")
    save_twice(ada)
    expect(ada.locator(".messagelist")).to_contain_text("was changed successfully")
    ben.fill("#id_label_en", "Traffic ticket (per ticket)")
    ben.fill("#id_change_reason", "Ben: clearer label")
    ben.get_by_role("button", name="Save", exact=True).click()
    errors = ben.locator(".errorlist.nonfield")
    expect(errors).to_contain_text("Not saved: ada changed this row at")
    expect(errors).to_contain_text("Ada: six points")
    expect(ben.locator("#id_label_en")).to_have_value("Traffic ticket (per ticket)")  # kept
    expect(ben.locator("#id_points")).to_have_value("-6.00")  # and Ada's change merged in
    save_twice(ben)
    expect(ben.locator(".messagelist")).to_contain_text("was changed successfully")
    open_row(ada, "pilots/adjustment", "rc-traffic-tickets")
    expect(ada.locator("#id_points")).to_have_value("-6.00")
    expect(ada.locator("#id_label_en")).to_have_value("Traffic ticket (per ticket)")
    ada_context.close()
    ben_context.close()


def rule_field(page, key, name):
    return page.locator(f"#row-{key} [name$='-{name}']").first


def test_two_editors_on_a_systems_rules_page(browser, editor_site):
    """The review's finding 1, on /admin/rules/rongcheng/: only changed rows are written."""
    ada_context, ada = signed_in(browser, editor_site, "ada")
    ben_context, ben = signed_in(browser, editor_site, "ben")
    ben.goto("/admin/rules/rongcheng/")
    width = ben.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"the rules page is {width} px wide at a 1280 px window"
    open_row(ada, "pilots/adjustment", "rc-heroic-deed")
    ada.fill("#id_points", "35")
    ada.fill("#id_change_reason", "Ada: 35 for a heroic deed")
    ada.check("#id_source_checked")
    save_twice(ada)
    rule_field(ben, "rc-volunteering", "points").fill("2")
    ben.fill("#id_change_reason", "Ben: volunteering 2 per hour")
    ben.check("#id_source_checked")
    ben.get_by_role("button", name="Show the impact, then save").click()
    expect(ben.locator("#impact")).to_contain_text("Before you save")
    ben.get_by_role("button", name="Save", exact=True).click()
    expect(ben.locator(".messagelist")).to_contain_text(
        "Saved 1 row in the draft (rc-volunteering)")
    expect(rule_field(ben, "rc-heroic-deed", "points")).to_have_value("35.00")  # Ada's stands
    expect(rule_field(ben, "rc-volunteering", "points")).to_have_value("2.00")
    ada_context.close()
    ben_context.close()


def test_a_revert_that_would_overlap_tiers_is_refused(browser, editor_site):
    """The review's finding 2: Medium 550–609 and Good 610–649, then Good reverted to its
    first version (600–649) would overlap Medium."""
    context, page = signed_in(browser, editor_site, "ada")
    page.goto("/admin/rules/sesame/")
    rule_field(page, "sesame-medium", "max_score").fill("609")
    rule_field(page, "sesame-good", "min_score").fill("610")
    page.fill("#id_change_reason", "Medium reaches 609")
    page.check("#id_source_checked")
    page.get_by_role("button", name="Show the impact, then save").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Saved 2 rows")
    open_row(page, "commercial/tier", "sesame-good")
    page.get_by_role("link", name="History").click()
    page.locator("#change-history tbody tr").last.locator("a").first.click()
    expect(page.locator("#id_min_score")).to_have_value("600")
    page.fill("#id_change_reason", "Revert")
    page.check("#id_source_checked")
    page.get_by_role("button", name="Revert").click()
    expect(page.locator(".errorlist")).to_contain_text(
        "this change would leave the rules inconsistent")
    expect(page.locator(".errorlist")).to_contain_text("overlaps")
    open_row(page, "commercial/tier", "sesame-good")
    expect(page.locator("#id_min_score")).to_have_value("610")
    context.close()


def test_the_preview_names_a_sesame_band_change(browser, editor_site):
    """The review's finding 3: the preview said "no change" for an edit that moves personas
    and the default record from Good to Medium."""
    context, page = signed_in(browser, editor_site, "ada")
    page.goto("/admin/rules/sesame/")
    rule_field(page, "sesame-medium", "max_score").fill("639")
    rule_field(page, "sesame-good", "min_score").fill("640")
    page.fill("#id_change_reason", "Good starts at 640")
    page.check("#id_source_checked")
    page.get_by_role("button", name="Show the impact, then save").click()
    impact = page.locator("#impact")
    expect(impact).to_contain_text("Before you save")
    expect(impact.locator("tr", has_text=re.compile("Your own record"))).to_contain_text(
        "band: Good → Medium")
    context.close()
