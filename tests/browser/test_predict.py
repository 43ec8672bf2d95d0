"""Predict, then reveal, in a real browser: with a keyboard only, and with JavaScript off
(a plain form POST)."""

from playwright.sync_api import expect


def test_a_reader_predicts_with_the_keyboard_alone(page):
    page.goto("/en/misconceptions/one-system/?court_judgment=refused&reveal=after")
    form = page.locator("form.predict")
    expect(form).to_be_visible()
    expect(page.locator("table.strip")).to_have_count(0)  # no answer before the guess
    radios = form.locator('input[type="radio"]')
    first = radios.first
    first.focus()
    # Arrow keys move within one system's three answers (a radio group), Tab to the next.
    page.keyboard.press("ArrowRight")
    checked = form.locator('input[type="radio"]:checked')
    expect(checked).to_have_count(1)
    groups = len(set(radios.evaluate_all("rs => rs.map(r => r.name)")))
    for _ in range(groups - 1):
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
    expect(checked).to_have_count(groups)
    form.get_by_role("button", name="Show the answers").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".predict-reveal h3")).to_contain_text("right")
    expect(page.locator("table.strip")).to_be_visible()
    assert "/one-system/?court_judgment=refused&reveal=after" in page.url  # state in the URL


def test_predicting_works_without_javascript(page_without_js):
    page = page_without_js
    page.goto("/embed/compare/?persona=debtor-who-refuses&systems=sesame,rongcheng"
              "&reveal=after")
    page.locator('input[name="guess-sesame"][value="against"]').check()
    page.locator('input[name="guess-rongcheng"][value="against"]').check()
    page.get_by_role("button", name="Show the answers").click()
    expect(page.locator(".predict-reveal h3")).to_have_text("You guessed 1 of 2 right")
    wrong = page.locator("table.guesses tr.is-wrong")
    expect(wrong).to_have_count(1)
    expect(wrong).to_contain_text("Rongcheng points")
    expect(wrong).to_contain_text("Not covered")
    # Half an answer: a message, and the guesses given are kept.
    page.goto("/embed/compare/?persona=debtor-who-refuses&systems=sesame,rongcheng"
              "&reveal=after")
    page.locator('input[name="guess-sesame"][value="nothing"]').check()
    page.get_by_role("button", name="Show the answers").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose an answer for every system")
    expect(page.locator('input[name="guess-sesame"][value="nothing"]')).to_be_checked()
