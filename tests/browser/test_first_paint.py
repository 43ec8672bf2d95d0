"""First paint in a real browser: a chapter paints its opening from the HTML and its inline
stylesheet alone, before the widgets' stylesheet has arrived, and the inline stylesheets
are allowed by the Content Security Policy (a violation would fail the test)."""

import re
import time

import pytest

VIOLATIONS = """
window.violations = [];
document.addEventListener("securitypolicyviolation",
                          (e) => window.violations.push(e.violatedDirective + " " + e.blockedURI));
"""


def test_a_chapter_paints_its_opening_before_the_widgets_stylesheet_arrives(page):
    held = []
    page.route(re.compile(r"/static/explainer/widget\.[0-9a-f]+\.css$"),
               lambda route: held.append(route))  # held: it never arrives until we say
    page.goto("/en/misconceptions/points/", wait_until="commit")
    deadline = time.monotonic() + 10
    while not page.evaluate("performance.getEntriesByName('first-contentful-paint').length"):
        assert time.monotonic() < deadline, "no first paint while the widgets' styles were held"
        page.wait_for_timeout(50)
    assert len(held) == 1, "the widgets' stylesheet is requested, and is still on its way"
    # What painted was styled by the inline stylesheet.
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") \
        == "flex"
    held[0].continue_()
    page.wait_for_load_state("load")
    assert page.evaluate(
        "getComputedStyle(document.querySelector('.simulation')).borderTopLeftRadius") == "10px"


@pytest.mark.parametrize("path", ["/en/misconceptions/points/", "/en/sources/",
                                  "/embed/pilots/?theme=dark"])
def test_inline_stylesheets_apply_without_any_policy_violation(page, path):
    page.add_init_script(VIOLATIONS)
    page.goto(path)
    assert page.evaluate("window.violations") == []
    # The stylesheet really applied: the page's own background colour, not the default.
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") \
        not in ("rgba(0, 0, 0, 0)", "")
