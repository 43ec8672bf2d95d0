"""An editor's whole round in a real browser, on a server of its own: change a Rongcheng
deduction, see the impact, save, publish, see it on What changed and in the simulation,
open a permalink pinned to the previous release, and revert."""

import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.helpers import PAID
from tests.services import ROOT, start_app_server

PASSWORD = "a long editor passphrase 42"


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory):
    url, env, stop = start_app_server(tmp_path_factory.mktemp("editor-site"))
    subprocess.run([sys.executable, "manage.py", "createeditor", "ada", "--noinput"],
                   env={**env, "DJANGO_EDITOR_PASSWORD": PASSWORD}, cwd=ROOT, check=True,
                   capture_output=True)
    yield url
    stop()


def rongcheng(page):
    return page.locator('tr[data-system="rongcheng"] .strip-verdict')


def test_an_editor_changes_a_rule_publishes_and_reverts(browser, editor_site):
    context = browser.new_context(base_url=editor_site, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#editing-start")).to_be_visible()

    # Find the rule and change it: -30 → -40 points for a court debt that was paid.
    page.goto("/admin/pilots/adjustment/?q=rc-court-paid")
    page.get_by_role("link", name="rc-court-paid").click()
    page.fill("#id_points", "-40")
    page.fill("#id_change_reason", "Rongcheng's revised schedule")
    page.get_by_role("button", name="Save", exact=True).click()
    impact = page.locator("#impact")
    expect(impact).to_contain_text("Debtor who paid")
    expect(impact.locator("tr", has_text="Debtor who paid")).to_contain_text("970 points · A")
    expect(impact.locator("tr", has_text="Debtor who paid")).to_contain_text("960 points · A")
    expect(impact).to_contain_text("Nothing has been saved yet")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # The simulation uses the new rule at once, on this server's every worker.
    reader = context.new_page()
    reader.goto(f"/en/misconceptions/one-system/?{PAID}")
    expect(rongcheng(reader)).to_contain_text("960 points · A")

    # Publish release 2.
    page.goto("/admin/releases/release/add/")
    page.select_option("#id_kind", "major")
    page.fill("#id_note", "Rongcheng deducts 40 points for a court debt, even once paid.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Release 2 is published")

    reader.goto("/en/changes/")
    release = reader.locator("#release-2")
    expect(release).to_contain_text("Rongcheng deducts 40 points")
    expect(release).to_contain_text("Found liable for an unpaid debt")
    expect(release.locator("del")).to_have_text("-30.00")
    expect(release.locator("ins")).to_have_text("-40.00")

    # A permalink pinned to release 1 still shows the old rule.
    reader.goto(f"/en/misconceptions/one-system/?{PAID}&rules=1")
    expect(rongcheng(reader)).to_contain_text("970 points · A")
    expect(reader.locator(".pinned")).to_contain_text("release 1")
    reader.get_by_role("link", name="Use today's rules").click()
    expect(rongcheng(reader)).to_contain_text("960 points · A")

    # Revert the change from the row's history.
    page.goto("/admin/pilots/adjustment/?q=rc-court-paid")
    page.get_by_role("link", name="rc-court-paid").click()
    page.get_by_role("link", name="History").click()
    expect(page.locator("#change-history")).to_contain_text("Rongcheng's revised schedule")
    page.locator("#change-history tbody tr").last.locator("a").first.click()
    expect(page.locator("#id_points")).to_have_value("-30.00")
    page.fill("#id_change_reason", "Revert: the schedule was not adopted")
    page.get_by_role("button", name="Revert").click()
    expect(page.locator(".messagelist")).to_contain_text(re.compile("reverted|changed"))
    reader.goto(f"/en/misconceptions/one-system/?{PAID}")
    expect(rongcheng(reader)).to_contain_text("970 points · A")
    context.close()
