"""Teacher guides through the test client: each renders from its content and the steps, its
plan takes 45 minutes, its links and QR codes open the chapter at each step's record, and
its answer key is the engine's."""

import re
import shutil
import subprocess
from html import unescape

import pytest
from django.http import QueryDict
from PIL import Image

from explainer import charts, content, qr, simulation
from explainer.chapters import BY_SLUG, CHAPTERS
from explainer.lessons import guide, predict

pytestmark = pytest.mark.django_db

SLUGS = [c.slug for c in CHAPTERS]
WITH_STEPS = [slug for slug in SLUGS if content.load_steps().get(slug)]


def plain(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def section(html: str, heading_id: str) -> str:
    """A guide's section: from its heading to the end of its <section>."""
    return html.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]


def qr_matrix(svg: str) -> list[list[int]]:
    """The dark modules of a QR code drawn by segno as one path of horizontal strokes
    (`M x y` or `m dx dy` moves, `h n` draws n modules along the row at y - 0.5)."""
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg)[1])
    d = re.search(r'<path stroke="#000" d="([^"]+)"', svg)[1]
    grid = [[0] * size for _ in range(size)]
    x = y = 0.0
    for command, args in re.findall(r"([MmHh])([^MmHh]+)", d):
        numbers = [float(n) for n in args.replace(",", " ").split()]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        elif command == "h":
            end = x + numbers[0]
            for column in range(int(x), int(end)):
                grid[int(y)][column] = 1
            x = end
        else:
            raise AssertionError(f"unexpected path command {command}")
    return grid


def expected_matrix(url: str) -> list[list[int]]:
    """The modules of the code of `url` (libqrencode's or segno's, explainer/qr.py), with
    the quiet zone; that they read as `url` is tests/explainer/test_qr.py's to show."""
    rows = [[0, 0, *(1 if m == ord("1") else 0 for m in row), 0, 0]
            for row in qr.modules(url, "m")]
    blank = [0] * len(rows[0])
    return [blank, blank, *rows, blank, blank]


def scan(svg: str, tmp_path) -> str:
    """What a phone reads from the QR code: the drawn modules as a picture, read by zbar."""
    grid, cell = qr_matrix(svg), 6
    image = Image.new("L", ((len(grid) + 4) * cell,) * 2, 255)
    for row, modules in enumerate(grid):
        for column, dark in enumerate(modules):
            if dark:
                image.paste(0, ((column + 2) * cell, (row + 2) * cell,
                                (column + 3) * cell, (row + 3) * cell))
    path = tmp_path / "qr.png"
    image.save(path)
    result = subprocess.run(["zbarimg", "--raw", "-q", str(path)], capture_output=True,
                            text=True, check=True)
    return result.stdout.strip()


def step_items(html: str) -> list[tuple[str, str, str]]:
    """(step id, link, QR code SVG) for each numbered step of the activity, in order."""
    activity = section(html, "activity")
    return [(step_id, unescape(href), svg) for step_id, href, svg in re.findall(
        r'<li id="step-([a-z0-9-]+)".*?<a class="teach-step-link" href="([^"]+)">.*?'
        r'(<svg .*?</svg>)', activity, re.DOTALL)]


@pytest.mark.parametrize("slug", SLUGS)
def test_each_guide_has_goals_a_plan_an_activity_questions_a_key_and_sources(client, slug):
    response = client.get(f"/en/teach/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("goals", "plan", "activity", "discuss", "answer-key", "guide-sources"):
        assert f'<h2 id="{heading}"' in html, heading
    goals = re.findall(r"<li>", section(html, "goals"))
    assert 3 <= len(goals) <= 4
    questions = [plain(q) for q in re.findall(r"<li>(.*?)</li>", section(html, "discuss"),
                                             re.DOTALL)]
    assert 4 <= len(questions) <= 6 and all(q.endswith("?") for q in questions)
    assert f'class="teach-chapter" href="/en/misconceptions/{slug}/"' in html
    # The guide's own sources, as the chapters give theirs: numbered, each with its link.
    notes = section(html, "guide-sources")
    assert notes.count('<li id="fn:') == len(content.load(f"teach/{slug}", "en").citations) > 0
    assert 'class="footnote-ref" href="#fn:' in section(html, "goals")


@pytest.mark.parametrize("slug", SLUGS)
def test_the_plan_takes_45_minutes_part_after_part(client, slug):
    html = client.get(f"/en/teach/{slug}/").content.decode()
    plan = section(html, "plan")
    minutes = [int(m) for m in re.findall(r'<td class="plan-minutes">(\d+)</td>', plan)]
    clocks = re.findall(r'<td class="plan-clock">(\d+)–(\d+)</td>', plan)
    assert len(minutes) >= 3 and sum(minutes) == 45
    assert re.search(r'<td class="plan-total">45</td>', plan)
    ends = [0] + [int(end) for _start, end in clocks]
    assert [int(start) for start, _end in clocks] == ends[:-1] and ends[-1] == 45
    assert [int(end) - int(start) for start, end in clocks] == minutes
    names = re.findall(r'<th scope="row">([^<]+)</th><td>', plan)
    assert names[0] == "Predict" and len(names) == len(minutes)


@pytest.mark.parametrize("slug", WITH_STEPS)
def test_each_step_links_and_its_qr_code_opens_the_chapter_at_the_steps_record(client, slug,
                                                                              tmp_path):
    html = client.get(f"/en/teach/{slug}/").content.decode()
    items = step_items(html)
    chapter_steps = content.load_steps()[slug]
    assert [step_id for step_id, _href, _svg in items] == [s["id"] for s in chapter_steps]
    for number, ((_step_id, href, svg), step) in enumerate(zip(items, chapter_steps,
                                                              strict=True), 1):
        expected = (f"http://testserver/en/misconceptions/{slug}/?{step['record']}"
                    "&reveal=after#results")
        assert href == expected
        assert qr_matrix(svg) == expected_matrix(expected)  # the code carries that address
        assert 'style=' not in svg and "<title>" in svg  # no inline style (CSP); named
        if shutil.which("zbarimg"):  # Debian's zbar-tools: scripts/system-packages zbar-tools
            assert scan(svg, tmp_path) == expected
        # The link is the chapter's own permalink for the step: no redirect, the record set.
        chapter = client.get(href.removeprefix("http://testserver").split("#")[0])
        assert chapter.status_code == 200
        bar = f"<strong>Step {number} of {len(chapter_steps)}</strong>"
        assert bar in chapter.content.decode()  # the chapter knows it as that step


def test_a_qr_code_scans_as_its_address(client, tmp_path):
    """Read by a real decoder, not only compared with the modules it was drawn from."""
    if not shutil.which("zbarimg"):
        pytest.skip("zbarimg missing: scripts/system-packages zbar-tools")
    html = client.get("/en/teach/one-system/").content.decode()
    _step_id, href, svg = step_items(html)[1]
    assert scan(svg, tmp_path) == href


@pytest.mark.parametrize("slug", WITH_STEPS)
def test_the_answer_key_is_what_the_engine_and_the_chapters_strip_say(client, slug):
    html = client.get(f"/en/teach/{slug}/").content.decode()
    key = section(html, "answer-key")
    assert '<details class="answer-key">' in key  # folded until the teacher opens it
    baseline = simulation.read(QueryDict()).outcome
    letters = dict(zip((k for k, _label in predict.CHOICES), "ABC", strict=True))
    for step in content.load_steps()[slug]:
        table = key.split(f'data-step="{step["id"]}"', 1)[1].split("</table>", 1)[0]
        rows = dict(re.findall(r'<tr data-system="([a-z]+)">(.*?)</tr>', table, re.DOTALL))
        questions = predict.questions(simulation.read(QueryDict(step["record"])).outcome,
                                      baseline)
        assert list(rows) == [q.system for q in questions]
        strip = client.get(f"/en/misconceptions/{slug}/?{step['record']}").content.decode()
        for q in questions:
            shown = re.search(r'class="key-shown">(.*?)</td>', rows[q.system], re.DOTALL)[1]
            answer = re.search(r'class="key-answer">(.*?)</td>', rows[q.system], re.DOTALL)[1]
            assert plain(answer) == f"{letters[q.answer]} {q.answer_label}"
            chapter_row = strip.split(f'data-system="{q.system}"', 1)[1].split("</tr>")[0]
            verdict = re.search(r'class="strip-verdict">(.*?)</td>', chapter_row, re.DOTALL)[1]
            # At a step the strip also marks what the step changed; the key gives the verdict.
            verdict = re.sub(r'<span class="change-mark".*?</span></span>', "", verdict)
            assert plain(shown) == plain(verdict), (step["id"], q.system)


def test_the_key_is_computed_not_written_down(client, monkeypatch):
    """The key follows whatever predict.questions answers for each step's record."""
    real = predict.questions

    def contrary(outcome, baseline, *args, **kwargs):
        return [q.__class__(q.system, q.name, predict.NOT_COVERED, q.why, q.verdict)
                for q in real(outcome, baseline, *args, **kwargs)]
    monkeypatch.setattr(predict, "questions", contrary)
    html = client.get("/en/teach/nosedive/").content.decode()
    answers = re.findall(r'class="key-answer">(.*?)</td>', section(html, "answer-key"))
    assert answers and all(plain(a) == f"A {predict.LABELS[predict.NOT_COVERED]}"
                           for a in answers)


def test_a_chapter_whose_activity_is_a_chart_links_the_chart_and_keys_its_figures(client,
                                                                                  tmp_path):
    html = client.get("/en/teach/citizens/").content.decode()
    [(step_id, href, svg)] = step_items(html)
    expected = "http://testserver/en/misconceptions/citizens/#see-for-yourself"
    assert step_id == "chart" and href == expected
    assert qr_matrix(svg) == expected_matrix(expected)
    chapter = client.get("/en/misconceptions/citizens/").content.decode()
    assert 'id="see-for-yourself"' in chapter and "survey-title" in chapter
    key = section(html, "answer-key")
    for bar in charts.survey_bars():
        row = key.split(f'data-bar="{bar.key}"', 1)[1].split("</tr>")[0]
        assert plain(bar.label) in plain(row) and bar.text in row


@pytest.mark.parametrize("path", ["/en/teach/nope/", "/en/teach/One-System/",
                                  "/en/teach/one-system/extra/"])
def test_an_unknown_chapter_is_a_404(client, path):
    assert client.get(path).status_code == 404


def test_guides_are_linked_from_each_chapter_the_home_page_the_footer_and_the_sitemap(client):
    for chapter in CHAPTERS:  # explicit addresses: a test before may leave Dutch active
        html = client.get(f"/en/misconceptions/{chapter.slug}/").content.decode()
        assert f'<p class="teach-this" lang="en"><a href="/en/teach/{chapter.slug}/">' in html
    home = client.get("/en/").content.decode()
    assert 'class="teach-this"><a href="/en/teach/">' in home
    footer = home.split('<footer class="site-footer"')[1]
    assert 'href="/en/teach/"' in footer
    index = client.get("/en/teach/").content.decode()
    assert [f"/en/teach/{slug}/" for slug in SLUGS] == re.findall(
        r'<li><a href="(/en/teach/[a-z-]+/)"', index)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/en/teach/" in sitemap and "/nl/teach/points/" in sitemap


def test_a_guide_is_public_and_indexed_with_its_key_folded(client):
    """The key shows what a chapter shows anyone who opens a step, so the guide needs no
    secret: it is cached and indexed like every reader page, and the key is only folded."""
    response = client.get("/en/teach/points/")
    html = response.content.decode()
    assert "noindex" not in html
    assert "public" in response["Cache-Control"]
    assert '<details class="answer-key">' in html and '<details class="answer-key" open' \
        not in html


def test_a_guide_without_a_translation_says_so_and_links_the_readers_language(
        client, monkeypatch, tmp_path):
    from tests.explainer.test_pages import english_only
    english_only(monkeypatch, tmp_path)
    html = client.get("/nl/teach/points/").content.decode()
    assert 'class="untranslated"' in html
    assert 'href="http://testserver/nl/misconceptions/points/?' in html


def test_head_works(client):
    assert client.head("/en/teach/points/").status_code == 200


def write_guide(tmp_path, plan_rows: str, goals: int = 3, extra: str = "") -> None:
    (tmp_path / "en" / "teach").mkdir(parents=True)
    items = "\n".join(f"- Goal {n}.[@sander-2018]" for n in range(goals))
    (tmp_path / "en" / "teach" / "points.md").write_text(
        f"title: T\n---\n## Goals {{#goals}}\n\n{items}\n\n## Plan {{#plan}}\n\n"
        f"| Minutes | What happens |\n|---|---|\n{plan_rows}\n\n## Discuss {{#discuss}}\n\n"
        "- Why?\n- How?\n- Who?\n- When?\n" + extra, encoding="utf-8")


@pytest.mark.parametrize(("rows", "goals", "extra", "message"), [
    ("| 5 | **Predict**: Ask? |\n| 30 | **See**: Look? |", 3, "", "add up to 35 minutes"),
    ("| 5 | Predict, no name? |\n| 40 | **See**: Look? |", 3, "", "each row"),
    ("| 5 | **Predict**: Ask? |\n| 40 | **See**: Look? |", 2, "", "3 to 4 learning goals"),
    ("| 5 | **Predict**: Ask? |\n| 40 | **See**: Look? |", 3, "\n## Other {#other}\n\nX.\n",
     "unknown: \\['other'\\]"),
])
def test_a_guide_that_breaks_the_format_is_refused(tmp_path, monkeypatch, rows, goals, extra,
                                                   message):
    write_guide(tmp_path, rows, goals, extra)
    monkeypatch.setattr(content, "CONTENT_DIR", tmp_path)
    with pytest.raises(content.ContentError, match=message):
        guide.load(BY_SLUG["points"], "en")


def test_a_well_formed_guide_gives_its_parts_in_order(tmp_path, monkeypatch):
    write_guide(tmp_path, "| 5 | **Predict**: Ask? |\n| 40 | **See**: Look? |")
    monkeypatch.setattr(content, "CONTENT_DIR", tmp_path)
    loaded = guide.load(BY_SLUG["points"], "en")
    assert [(p.name, p.start, p.end) for p in loaded.plan] == [("Predict", 0, 5),
                                                               ("See", 5, 45)]
