"""The December 2026 reader review, finding by finding, in a real browser."""

import re

from playwright.sync_api import expect

from explainer import content

CHAPTER = "/en/misconceptions/one-system/"




def test_a_scheme_that_does_not_cover_the_person_says_so_first_to_every_reader(page):
    """Finding 1: no Rongcheng or Suining score for a debtor who lives elsewhere."""
    page.goto(CHAPTER + "?court_judgment=refused")
    cell = page.locator('tr[data-system="rongcheng"] .strip-verdict')
    expect(cell).to_have_text("Not covered: lives elsewhere")
    role_cell = page.get_by_role("row", name=re.compile("Rongcheng points")) \
        .get_by_role("cell").first
    expect(role_cell).to_have_text(re.compile(r"^Not covered"))
    column = page.locator("#col-rongcheng")
    expect(column.locator(".verdict-block")).to_contain_text(
        re.compile(r"^\s*Not covered: lives elsewhere"))
    expect(column.locator(".if-covered")).to_have_text(re.compile(r"If they lived there: "
                                                                  r"\d+ points · \w+"))
    expect(column.locator("ul.effects")).to_have_count(0)
    page.goto(CHAPTER + "?residence=rongcheng")
    expect(page.locator('tr[data-system="rongcheng"] .strip-verdict')).to_have_text(
        "No score without consent")


def test_the_diagram_highlights_flows_only_into_systems_that_apply(page):
    """Finding 2."""
    page.goto("/en/misconceptions/data-sharing/?court_judgment=refused")
    active = page.locator("figure.flow line.flow-line.is-active title").all_text_contents()
    assert active and not any("Rongcheng" in t or "Suining" in t for t in active), active
    desc = page.locator("#flow-desc").text_content()
    assert "Rongcheng" not in desc and ".." not in desc and ".;" not in desc
    page.goto("/en/misconceptions/data-sharing/?court_judgment=refused&residence=rongcheng"
              "&opted_in=1")
    active = page.locator("figure.flow line.flow-line.is-active title").all_text_contents()
    assert any("Courts → Rongcheng points" in t for t in active), active


def test_the_step_bar_carries_the_reader_through_the_steps(phone):
    """Finding 3: the next instruction sits at the top of the results, with what changed."""
    steps = content.load_steps()["one-system"]
    phone.goto(CHAPTER)
    phone.locator("nav.step-bar a.step-next").click()
    expect(phone).to_have_url(re.compile(re.escape(steps[0]["record"]) + "#results$"))
    bar = phone.locator("nav.step-bar")
    expect(bar).to_contain_text("Step 1 of 3")
    expect(bar).to_be_in_viewport()
    bar.locator("a.step-next").click()
    expect(phone).to_have_url(re.compile(re.escape(steps[1]["record"]) + "#results$"))
    expect(phone.locator("nav.step-bar")).to_contain_text("Step 2 of 3")
    mark = phone.locator('tr[data-system="rongcheng"] .change-mark')
    expect(mark).to_have_text(re.compile("now covered"))
    expect(mark).to_be_in_viewport()


def test_choosing_a_persona_brings_the_reader_to_the_results(phone):
    phone.goto(CHAPTER)
    phone.locator("#persona").select_option("debtor-who-refuses")
    expect(phone.locator('tr[data-system="blacklists"] .strip-verdict')).to_have_text(
        re.compile("Listed"))
    expect(phone.locator("#results")).to_be_in_viewport()


def test_enter_in_a_number_field_is_narrated_as_the_change_it_made(page):
    """Finding 4: change and submit both fire; the narration must not say nothing changed."""
    page.goto(CHAPTER)
    field = page.locator("#f-late_bills")
    field.fill("5")
    field.press("Enter")
    announce = page.locator("#announce")
    expect(announce).to_have_text(re.compile(r"^Changed: Sesame Credit"))
    page.wait_for_timeout(600)  # the second request has settled too
    expect(announce).to_have_text(re.compile(r"^Changed: Sesame Credit"))
    # And the strip marks what moved.
    expect(page.locator('tr[data-system="sesame"] .change-mark')).to_have_text(
        re.compile("\u2212\\d+"))


def test_typing_then_show_the_results_keeps_the_change_in_the_narration(page):
    page.goto(CHAPTER)
    page.locator("#f-loan_arrears").fill("3")
    page.get_by_role("button", name="Show the results").click()
    announce = page.locator("#announce")
    expect(announce).to_have_text(re.compile(r"^Changed: "))
    page.wait_for_timeout(600)
    expect(announce).to_have_text(re.compile(r"^Changed: "))


def test_sorting_the_pilot_table_keeps_the_record(page):
    """Finding 7."""
    page.goto("/en/misconceptions/points/")
    page.locator("#f-loan_arrears").fill("4")
    page.locator("#f-loan_arrears").press("Tab")
    expect(page).to_have_url(re.compile(r"loan_arrears=4"))
    page.locator("#sort-city").click()
    expect(page).to_have_url(re.compile(r"loan_arrears=4.*sort=city"))
    page.reload()
    expect(page.locator("#f-loan_arrears")).to_have_value("4")


def test_a_footnote_link_opens_the_folded_sources(page):
    """Finding 6: the footnotes fold after the pager, and a note link still reaches its note."""
    page.goto(CHAPTER)
    fold = page.locator("details.footnotes-fold")
    expect(fold).not_to_have_attribute("open", "")
    page.locator("a.footnote-ref").first.click()
    expect(fold).to_have_attribute("open", "")
    target = page.locator(".footnote li").first
    expect(target).to_be_in_viewport()


def test_the_first_minute_on_a_phone(phone):
    """Finding 5: a one-line chapter stepper, and one persona's verdicts before the
    evidence, which waits folded."""
    phone.goto(CHAPTER)
    stepper = phone.locator(".chapter-stepper")
    expect(stepper).to_be_visible()
    assert stepper.bounding_box()["height"] < 60
    expect(phone.locator(".chapters ol")).to_be_hidden()
    glance = phone.locator("section.glance")
    expect(glance.locator("tr")).to_have_count(6)
    assert glance.bounding_box()["y"] < 2 * 740, "the verdicts come within two screens"
    expect(phone.locator("details.fold").first).not_to_have_attribute("open", "")


def test_the_walk_through_ends_with_a_recap_and_share_links(phone):
    phone.goto("/en/misconceptions/citizens/")
    recap = phone.locator("section.recap")
    expect(recap.locator("li")).to_have_count(5)
    expect(recap.get_by_role("link", name="By email")).to_be_visible()


def test_a_printed_chapter_is_a_short_handout_headed_by_its_record(page):
    """Finding 8: it printed to 9 pages, page 3 half empty, the header as '</en/>'."""
    page.goto(CHAPTER + "?court_judgment=refused&residence=rongcheng&opted_in=1")
    page.emulate_media(media="print")
    expect(page.locator(".record-words")).to_be_visible()
    expect(page.locator(".record-words")).to_contain_text("Refused")
    after = page.evaluate("""() => getComputedStyle(
        document.querySelector('.site-header a'), '::after').content""")
    assert after in ("none", "normal", '""')
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages <= 7, f"{pages} pages"
