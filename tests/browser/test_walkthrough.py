"""A reader walking through the five misconceptions, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

TITLES = ["There is one system", "Alibaba shares", "points system", "Nosedive",
          "terrible for Chinese citizens"]


def sesame(page):
    return page.locator('section[aria-labelledby="sys-sesame"] .verdict')


def test_walk_the_five_pages_by_the_chapter_bar(page):
    page.goto("/en/")
    page.get_by_role("link", name="Start the walk-through").click()
    expect(page.locator("h1")).to_contain_text(TITLES[0])
    for number, title in enumerate(TITLES, 1):
        page.locator(".chapters ol a").nth(number - 1).click()
        expect(page.locator("h1")).to_contain_text(title)
        expect(page.locator('.chapters ol a[aria-current="page"]')).to_contain_text(str(number))


def test_walk_the_five_pages_by_next(page):
    page.goto("/en/misconceptions/one-system/")
    for title in TITLES[1:]:
        page.locator('.pager a[rel="next"]').click()
        expect(page.locator("h1")).to_contain_text(title)
    page.locator('.pager a[rel="prev"]').click()
    expect(page.locator("h1")).to_contain_text(TITLES[3])


def test_a_control_change_updates_only_the_panel_and_the_address(page):
    page.goto("/en/misconceptions/one-system/")
    before = sesame(page).inner_text()
    page.evaluate("window.notReloaded = true")
    page.fill("#f-loan_arrears", "4")
    page.keyboard.press("Tab")  # change fires on leaving the field
    expect(page).to_have_url(re.compile(r"\?loan_arrears=4$"))
    expect(sesame(page)).not_to_have_text(before)
    assert page.evaluate("window.notReloaded") is True  # no full page load
    expect(page.locator("#announce")).to_contain_text("Changed: Sesame Credit:")
    after = sesame(page).inner_text()
    page.reload()
    expect(sesame(page)).to_have_text(after)
    expect(page.locator("#f-loan_arrears")).to_have_value("4")


def test_picking_a_persona_fills_the_form_and_the_panel(page):
    page.goto("/en/misconceptions/one-system/")
    page.select_option("#persona", "debtor-who-refuses")
    expect(page.locator("#f-court_judgment")).to_have_value("refused")
    expect(page).to_have_url(re.compile(r"\?court_judgment=refused$"))
    expect(sesame(page)).to_have_text("350 / 950")
    expect(page.locator('section[aria-labelledby="sys-blacklists"] .verdict')).to_have_text(
        "Listed")


def test_the_widget_works_without_javascript(page_without_js):
    page = page_without_js
    page.goto("/en/misconceptions/one-system/")
    page.select_option("#persona", "volunteer")
    page.get_by_role("button", name="Load").click()
    expect(page).to_have_url(re.compile(r"volunteering=40"))
    rongcheng = page.locator('section[aria-labelledby="sys-rongcheng"] .verdict')
    expect(rongcheng).to_have_text("1,085 points · AAA")
    page.fill("#f-volunteering", "0")
    page.get_by_role("button", name="Show the results").click()
    expect(page).to_have_url(re.compile(r"\?blood_donation=3&heroic_deed=1&residence=rongcheng"
                                        r"&opted_in=1&from=volunteer#results$"))
    expect(rongcheng).to_have_text("1,045 points · AA")
    expect(page.locator("#persona")).to_contain_text("Edited from: Volunteer")
    page.reload()
    expect(page.locator("#f-volunteering")).to_have_value("0")
    expect(rongcheng).to_have_text("1,045 points · AA")


def test_sorting_the_pilot_table_without_javascript(page_without_js):
    page = page_without_js
    page.goto("/en/misconceptions/points/")
    page.get_by_role("link", name="Since").click()
    expect(page).to_have_url(re.compile(r"sort=started&order=asc"))
    expect(page.locator("#pilot-table tbody tr").first).to_contain_text("Suining")


def test_sorting_the_pilot_table_with_htmx(page):
    page.goto("/en/misconceptions/points/")
    page.evaluate("window.notReloaded = true")
    page.get_by_role("link", name="Since").click()
    expect(page.locator("#pilot-table tbody tr").first).to_contain_text("Suining")
    page.get_by_role("link", name=re.compile("Since")).click()
    expect(page).to_have_url(re.compile(r"sort=started&order=desc"))
    expect(page.locator("#pilot-table tbody tr").first).not_to_contain_text("Suining")
    assert page.evaluate("window.notReloaded") is True


def tab_to(page, selector, limit=250):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"could not reach {selector} with Tab")


def test_the_widget_by_keyboard_alone(page):
    page.goto("/en/misconceptions/one-system/")
    tab_to(page, "#persona")
    page.keyboard.press("ArrowDown")  # first persona: the careful shopper
    expect(page).to_have_url(re.compile(r"shopping=heavy"))
    expect(sesame(page)).to_have_text(re.compile(r"^7\d\d / 950$"))
    tab_to(page, "#f-loan_arrears")
    page.keyboard.type("2")  # focusing by Tab selects the old value, so this replaces it
    expect(page.locator("#f-loan_arrears")).to_have_value("2")
    page.keyboard.press("Tab")
    expect(page).to_have_url(re.compile(r"loan_arrears=2"), timeout=10_000)
    tab_to(page, "#group-5")  # "Other records" starts folded: unfold it by keyboard
    page.keyboard.press("Enter")
    tab_to(page, "#f-flight_disruption")
    page.keyboard.press("Space")
    expect(page.locator('section[aria-labelledby="sys-blacklists"] .verdict')).to_have_text(
        "Listed")
    expect(page.locator("#announce")).to_contain_text("tourist blacklist")
    expect(page.locator("#f-flight_disruption")).to_be_focused()


def test_illustrative_values_explain_themselves(page):
    page.goto("/en/misconceptions/one-system/")
    button = page.locator('section[aria-labelledby="sys-sesame"] button.illustrative').first
    button.click()
    expect(page.locator(".popover:popover-open")).to_contain_text("Illustrative value:")


@pytest.mark.parametrize("width", [320, 360])
def test_nothing_scrolls_sideways_on_a_phone(browser, server, width):
    context = browser.new_context(base_url=server, viewport={"width": width, "height": 740})
    page = context.new_page()
    for path in ["/en/", "/en/misconceptions/one-system/?court_judgment=refused",
                 "/en/misconceptions/data-sharing/?court_judgment=refused",
                 "/en/misconceptions/points/", "/en/misconceptions/nosedive/",
                 "/en/misconceptions/citizens/", "/en/systems/", "/en/systems/rongcheng/",
                 "/en/sources/", "/en/glossary/"]:
        page.goto(path)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{path} is {scroll}px wide"
    context.close()
