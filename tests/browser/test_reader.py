"""What issue 6 promises readers, in a real browser: the strip, steps, errors, narration,
print, the diagram and the map on a phone."""

import re

from playwright.sync_api import expect

from explainer import content

CHAPTER = "/en/misconceptions/one-system/"


def strip_verdict(page, system):
    return page.locator(f'tr[data-system="{system}"] .strip-verdict')




def test_on_a_phone_the_strip_is_what_the_results_show_first_and_it_stays_compact(phone):
    phone.goto(CHAPTER + "?court_judgment=refused&residence=rongcheng&opted_in=1#results")
    strip = phone.locator("table.strip")
    expect(strip).to_be_in_viewport()
    box = strip.bounding_box()
    assert box["height"] < 640, "every system fits one phone screen"
    assert box["width"] <= 360
    expect(strip_verdict(phone, "sesame")).to_contain_text("350 / 950")
    expect(strip_verdict(phone, "rongcheng")).to_contain_text("920 points · B")
    # The detail columns come after it.
    panel = phone.locator(".panel").bounding_box()
    assert panel["y"] > box["y"] + box["height"] - 4


def test_on_a_desktop_the_columns_rows_line_up(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(CHAPTER + "?court_judgment=refused&residence=rongcheng&opted_in=1")
    # A system that does not cover him (Suining's, Hangzhou's) has no working to show.
    for part, count in ((".verdict-block", 6), (".effects-block", 6), ("details.why", 4),
                        (".visibility", 6)):
        tops = [round(box["y"]) for box in
                (el.bounding_box() for el in page.locator(f".panel .system > {part}").all())]
        assert len(tops) == count and max(tops) - min(tops) <= 1, (part, tops)
    names = page.locator("table.strip tbody tr")
    expect(names).to_have_count(6)  # the five, and Hangzhou's scheme, added as data


def test_every_see_for_yourself_step_sets_its_record(page):
    """Click each step link in reading order; the strip shows what the step expects."""
    for chapter, steps in content.load_steps().items():
        path = f"/en/misconceptions/{chapter}/"
        page.goto(path)
        for step in steps:
            page.locator(f'a.step[data-step="{step["id"]}"]').click()
            expect(page).to_have_url(re.compile(re.escape(f"?{step['record']}#results") + "$"))
            for sentence in step["expect"]:
                system, _, verdict = sentence.partition(" is ")
                if verdict:
                    expect(strip_verdict(page, system)).to_contain_text(verdict)
                elif sentence.endswith(" does not apply"):
                    expect(page.locator(f'tr[data-system="{sentence.split()[0]}"] '
                                        ".strip-applies")).to_contain_text("No")
            # Whatever the step changed is unfolded.
            for name in re.findall(r"([a-z_]+)=", step["record"]):
                if name != "from":
                    expect(page.locator(f"#f-{name}")).to_be_visible()


def test_an_out_of_range_value_is_explained_next_to_the_field_with_javascript(page):
    page.goto(CHAPTER)
    field = page.locator("#f-loan_arrears")
    field.fill("999")
    field.press("Tab")
    message = page.locator("#e-loan_arrears")
    expect(message).to_be_visible()
    expect(message).to_have_text(
        "Loan arrears must be a whole number from 0 to 12, not '999'.")
    expect(field).to_have_attribute("aria-invalid", "true")
    field.fill("2")
    field.press("Tab")
    expect(message).to_be_hidden()
    expect(field).not_to_have_attribute("aria-invalid", "true")
    expect(page).to_have_url(re.compile(r"\?loan_arrears=2$"))
    # The 400 for the bad value is expected; nothing else went wrong.
    assert set(page.errors) <= {"Failed to load resource: the server responded with a status "
                                "of 400 (Bad Request)"}
    page.errors.clear()


def test_an_out_of_range_value_is_explained_next_to_the_field_without_javascript(
        page_without_js):
    page = page_without_js
    page.goto(CHAPTER)
    page.fill("#f-late_bills", "40")
    page.get_by_role("button", name="Show the results").click()
    expect(page).to_have_url(re.compile(r"late_bills=40.*#results$"))
    expect(page.locator("#e-late_bills")).to_have_text(
        "Late bills must be a whole number from 0 to 12, not '40'.")
    expect(page.locator("#results")).to_be_in_viewport()


def test_submitting_keeps_the_reader_at_the_results(page):
    page.goto(CHAPTER)
    page.locator("#f-traffic_tickets").scroll_into_view_if_needed()
    page.locator("#group-3").click()  # "On the street"
    page.fill("#f-traffic_tickets", "3")
    page.get_by_role("button", name="Show the results").click()
    expect(page).to_have_url(re.compile(r"traffic_tickets=3"))
    expect(page.locator("#results")).to_be_focused()
    expect(page.locator("table.strip")).to_be_in_viewport()


def test_the_narration_says_what_changed_first_and_is_updated_in_place(page):
    page.goto(CHAPTER)
    page.evaluate("document.getElementById('announce').dataset.marker = 'same element'")
    page.fill("#f-loan_arrears", "2")
    page.keyboard.press("Tab")
    announce = page.locator("#announce")
    expect(announce).to_have_text(re.compile(
        r"^Changed: Sesame Credit: \d+ out of 950.* No change for Government blacklists, "
        r"Rongcheng points, Suining points, Hangzhou's Qianjiang Score, Nosedive \(fiction\)\.$"))
    assert announce.get_attribute("data-marker") == "same element"
    page.locator("#group-3").click()  # "On the street"
    page.fill("#f-rude_to_strangers", "1")
    page.keyboard.press("Tab")
    expect(announce).to_have_text(re.compile(r"^Changed: Nosedive, which is fiction"))


def test_sorting_the_table_is_announced_and_keeps_focus(page):
    page.goto("/en/misconceptions/points/")
    page.locator("#sort-started").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#announce")).to_have_text("Pilots sorted by Since, ascending.")
    expect(page.locator("#sort-started")).to_be_focused()


def test_printing_a_chapter_gives_a_clean_handout(page):
    page.goto(CHAPTER + "?court_judgment=refused")
    page.emulate_media(media="print")
    expect(page.locator("form#record")).to_be_hidden()
    expect(page.locator("form#persona-picker")).to_be_hidden()
    expect(page.locator(".chapters")).to_be_hidden()
    expect(page.locator(".permalink .print-only")).to_have_text(
        re.compile(r"http://127\.0\.0\.1:\d+/en/misconceptions/one-system/"
                   r"\?court_judgment=refused"))
    # Folded parts print open: their content is laid out (the chapter's sources, here).
    folded = page.locator("details.footnotes-fold:not([open]) .footnote li").first
    assert folded.bounding_box() is not None
    expect(page.locator(".visibility").first).to_be_hidden()  # the handout: strip and traces
    # Every link in the text prints its full address, as printing writes it out (the
    # results link back by their QR code instead).
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    after = page.evaluate("""() => getComputedStyle(document.querySelector(
        'article p a[href]:not(.footnote-ref, #results a)'), '::after').content""")
    assert "http" in after


def test_the_data_flow_diagram_reads_on_a_phone_and_by_keyboard(phone):
    phone.goto("/en/misconceptions/data-sharing/?court_judgment=refused")
    svg = phone.locator("figure.flow svg")
    box = svg.bounding_box()
    assert box["width"] <= 340
    size = phone.evaluate("""() => parseFloat(getComputedStyle(
        document.querySelector('figure.flow svg text tspan')).fontSize) *
        document.querySelector('figure.flow svg').getBoundingClientRect().width /
        document.querySelector('figure.flow svg').viewBox.baseVal.width""")
    assert size >= 11, f"diagram text renders at {size:.1f}px"
    svg.focus()
    expect(svg).to_be_focused()
    expect(phone.locator("#flow-desc")).to_contain_text("Joint punishment")
    expect(phone.locator(".flow-legend li")).to_have_count(4)


def test_map_markers_are_big_enough_to_tap_and_differ_by_shape(phone):
    phone.goto("/en/misconceptions/points/")
    markers = phone.locator(".map a.marker")
    count = markers.count()
    assert count >= 10
    boxes = [markers.nth(i).bounding_box() for i in range(count)]
    assert all(b["width"] >= 24 and b["height"] >= 24 for b in boxes), boxes
    shapes = set(phone.evaluate("() => [...document.querySelectorAll('.map a.marker use')]"
                                ".map(u => u.getAttribute('href'))"))
    assert len(shapes) >= 3
    legend = phone.locator(".legend li")
    assert legend.count() == len(shapes)


def test_popovers_open_next_to_their_button(page):
    page.goto(CHAPTER)
    button = page.locator('section[aria-labelledby="sys-sesame"] button.illustrative').first
    button.click()
    popover = page.locator(".popover:popover-open")
    expect(popover).to_be_visible()
    b, p = button.bounding_box(), popover.bounding_box()
    assert abs(p["y"] - (b["y"] + b["height"])) < 20 or abs(b["y"] - (p["y"] + p["height"])) < 20


def test_the_home_page_shows_the_way_in_on_the_first_phone_screen(phone):
    phone.goto("/en/")
    expect(phone.get_by_role("link", name="Start the walk-through")).to_be_in_viewport()
    # In a chapter, one line says where the reader is and leads on.
    phone.goto(CHAPTER)
    expect(phone.locator(".chapter-stepper")).to_contain_text("1 of 5")
    expect(phone.locator('.chapter-stepper a[rel="next"]')).to_be_in_viewport()
