"""A class poll in real browsers: a teacher starts a class in one context, twelve students
open the short link in contexts of their own (separate cookie jars, as separate devices)
and answer through the chapter's prediction form (`form.predict`: radio inputs
`guess-<system>` and a submit button, posting the class code with the guesses), and the
teacher's page follows the count and reveals the split."""

import re

from playwright.sync_api import expect

from explainer.lessons import predict
from tests.browser.conftest import open_page

STUDENTS = 12
AGAINST_FROM = 9  # students 0-8 guess "counts against" everywhere, 9-11 "nothing against"


def choice_of(student: int) -> str:
    return predict.AGAINST if student < AGAINST_FROM else predict.NOTHING


def answer(student_page, student: int) -> None:
    """Every question of the prediction form answered the same way, then sent."""
    form = student_page.locator("form.predict")
    expect(form).to_have_count(1)
    names = sorted(set(form.locator('input[type="radio"][name^="guess-"]').evaluate_all(
        "inputs => inputs.map(i => i.name)")))
    assert len(names) >= 5, names
    for name in names:
        form.locator(f'input[name="{name}"][value="{choice_of(student)}"]').check()
    form.locator('[type="submit"]').first.click()
    expect(form).to_have_count(0)  # the guesses are in, the answers shown


def test_a_class_answers_and_the_teacher_reveals_the_split(browser, server):
    url = server
    context, teacher = open_page(browser, url)
    teacher.goto("/en/class/?chapter=one-system&persona=debtor-who-refuses")
    teacher.get_by_role("button", name="Start a class poll").click()
    expect(teacher).to_have_url(re.compile(r"/en/class/[A-Z0-9]{6}/teacher/[\w-]{32,}/$"))
    code = re.search(r"/class/([A-Z0-9]{6})/", teacher.url)[1]
    link = teacher.locator(".class-link a")
    expect(link).to_have_text(f"{url}/en/class/{code}/")
    expect(teacher.locator("svg.qr")).to_be_visible()
    expect(teacher.locator("#tally")).to_contain_text("0 students have answered.")
    teacher.get_by_role("button", name="Reveal the split").click()
    expect(teacher.locator("#tally")).to_contain_text("Revealed, but not shown yet")
    expect(teacher.locator("#tally")).to_contain_text("10 more to go")

    for student in range(STUDENTS):
        student_context, page = open_page(browser, url)
        page.goto(link.inner_text())
        # The short link lands on the chapter, guessing first, with the class code.
        assert re.search(rf"/en/misconceptions/one-system/\?.*reveal=after&class={code}",
                         page.url), page.url
        answer(page, student)
        assert page.errors == []
        assert student_context.cookies() == []
        student_context.close()

    # The teacher's page follows the answers by itself (htmx, every 5 seconds).
    tally = teacher.locator("#tally")
    expect(tally).to_contain_text(f"{STUDENTS} students have answered.", timeout=15_000)
    tables = tally.locator("table.class-split")
    expect(tables.first).to_be_visible()
    assert tables.count() >= 5
    for index in range(tables.count()):
        rows = tables.nth(index).locator("tbody tr")
        shown = {rows.nth(i).locator("th").inner_text().split(" ✓")[0]:
                 (rows.nth(i).locator("td").nth(0).inner_text(),
                  rows.nth(i).locator("td").nth(1).inner_text()) for i in range(3)}
        assert shown == {str(predict.LABELS[predict.NOT_COVERED]): ("0", "0%"),
                         str(predict.LABELS[predict.NOTHING]): ("3", "25%"),
                         str(predict.LABELS[predict.AGAINST]): ("9", "75%")}
        expect(tables.nth(index).locator("tr.right-answer")).to_contain_text("the right answer")
    blacklists = tally.locator("table.class-split", has_text="Government blacklists")
    expect(blacklists.locator("tr.right-answer")).to_contain_text(
        str(predict.LABELS[predict.AGAINST]))

    teacher.get_by_role("button", name="Reset").click()
    expect(teacher.locator("#tally")).to_contain_text("0 students have answered.")
    expect(teacher.locator("table.class-split")).to_have_count(0)
    teacher.get_by_role("button", name="Close the class").click()
    expect(teacher.locator("#tally")).to_contain_text("The class is closed")
    late_context, late = open_page(browser, url)
    response = late.goto(f"{url}/en/class/{code}/")
    assert response.status == 410
    expect(late.locator("h1")).to_have_text("This class is closed")
    late_context.close()
    assert teacher.errors == []
    assert context.cookies() == []  # the teacher's browser holds no cookie from us
    context.close()


def test_a_teacher_runs_a_class_without_javascript(browser, server):
    url = server
    context, teacher = open_page(browser, url, java_script_enabled=False)
    teacher.goto("/en/class/?chapter=points")
    teacher.select_option("#class-persona", label="Debtor who refuses to pay")
    teacher.locator("#class-persona").locator("xpath=..").get_by_role("button").click()
    expect(teacher.locator("main")).to_contain_text("Debtor who refuses to pay")
    teacher.get_by_role("button", name="Start a class poll").click()
    expect(teacher).to_have_url(re.compile(r"/en/class/[A-Z0-9]{6}/teacher/[\w-]+/$"))
    teacher.get_by_role("button", name="Reveal the split").click()
    expect(teacher.locator("#tally")).to_contain_text("Revealed, but not shown yet")
    teacher.get_by_role("button", name="Hide the split").click()
    expect(teacher.locator("#tally")).to_contain_text("Hidden until you reveal it")
    teacher.get_by_role("link", name="Refresh").click()
    expect(teacher.locator("#tally")).to_contain_text("0 students have answered.")
    assert context.cookies() == []
    context.close()
