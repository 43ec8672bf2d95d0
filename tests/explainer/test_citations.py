"""Every factual sentence a reader sees carries a source, and every statement of status
says when it was checked."""

import datetime
import io
import re
from html import unescape
from pathlib import Path

import pytest
from django.core.management import call_command

from explainer import content

pytestmark = pytest.mark.django_db

FRAMING = Path(__file__).parent / "framing"
# Pages about the site itself (what it stores, how it works) state no fact about China.
ABOUT_THE_SITE = {"privacy"}
BLOCK = re.compile(r"<(p|li|td|blockquote)\b[^>]*>(.*?)</\1>", re.DOTALL)
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")


def framing(language: str) -> set[str]:
    """Sentences that frame and state no fact (the short allow-list), one per line."""
    path = FRAMING / f"{language}.txt"
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def plain(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def blocks(page) -> list[str]:
    """The reader-visible paragraphs of a page's text (not its footnotes, not the popovers
    of glossary terms, whose definitions the glossary page itself walks)."""
    html = str(page.text)
    html = re.sub(r'<span class="popover".*?</span>', "", html, flags=re.DOTALL)
    return [inner for _tag, inner in BLOCK.findall(html)]


def uncited(language: str = "en") -> list[str]:
    allowed = framing(language)
    found = []
    base = content.CONTENT_DIR / language
    for path in sorted(base.rglob("*.md")):
        name = str(path.relative_to(base).with_suffix(""))
        if name in ABOUT_THE_SITE:
            continue
        for block in blocks(content.load(name, language)):
            if 'class="footnote-ref"' in block or 'class="cite"' in block:
                continue  # a citation in the paragraph covers its sentences
            if 'class="step"' in block:
                # A "See for yourself" step: its sentences say what the simulation shows,
                # which steps.json checks against the engine, whose every rule is sourced.
                continue
            for sentence in SENTENCE.split(block):
                text = plain(sentence)
                if not text or text.endswith("?"):
                    continue  # a question states no fact
                if text.rstrip(":") in allowed or text in allowed:
                    continue
                if re.fullmatch(r"[\W\d]*", text):
                    continue
                found.append(f"{name}: {text}")
    return found


def test_every_factual_sentence_carries_a_citation_in_it_or_its_paragraph():
    found = uncited()
    assert found == [], "Uncited sentences (cite them, or add a framing sentence that " \
                        "states no fact to tests/explainer/framing/en.txt):\n" + "\n".join(found)


def test_the_framing_allow_list_stays_short_and_current():
    allowed = framing("en")
    assert len(allowed) <= 40
    every = " ".join(plain(b) for path in (content.CONTENT_DIR / "en").rglob("*.md")
                     for b in blocks(content.load(
                         str(path.relative_to(content.CONTENT_DIR / "en").with_suffix("")),
                         "en")))
    assert [s for s in allowed if s not in every] == []  # no sentence the text dropped


def test_the_walk_finds_an_uncited_sentence(tmp_path, monkeypatch):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "t.md").write_text(
        "title: T\n---\nCourts listed 9 million people in 2024. No source here.\n\n"
        "Listed people cannot fly.[@clt-court-list-2017]\n", encoding="utf-8")
    monkeypatch.setattr(content, "CONTENT_DIR", tmp_path)
    assert uncited() == ["t: Courts listed 9 million people in 2024.", "t: No source here."]


def test_a_chapters_short_answer_states_only_figures_its_text_cites():
    """The two-line answer under a chapter's title summarises its cited text: every figure
    in it stands in a paragraph of the chapter that carries a citation."""
    for path in (content.CONTENT_DIR / "en").glob("*.md"):
        page = content.load(path.stem, "en")
        cited = " ".join(plain(b) for b in blocks(page)
                         if 'class="footnote-ref"' in b or 'class="cite"' in b)
        for figure in re.findall(r"\d[\d,.]*%?", page.short):
            assert figure.rstrip(".,") in cited, f"{path.stem}: {figure} in its short answer"


def test_no_status_is_dated_by_hand():
    """A status carries its checked date ([as-of:name]); a bare "as of 2024" under
    "rules as of" a later date is how the site went quietly out of date."""
    for path in content.CONTENT_DIR.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bas of (19|20)\d\d\b", text, re.IGNORECASE), path
        assert not re.search(r"\bstill a draft in (19|20)\d\d", text), path


def test_a_dated_statement_reads_as_its_checked_date(client):
    html = client.get("/en/systems/").content.decode()
    assert re.search(r'<time class="as-of" datetime="\d{4}-\d{2}-\d{2}">as of \d{1,2} \w+ \d{4}'
                     r"</time>", html)


def test_stale_lists_a_statement_checked_longer_ago_than_the_review_period(tmp_path,
                                                                           monkeypatch):
    (tmp_path / "en").mkdir()
    old = datetime.date.today() - datetime.timedelta(days=500)
    (tmp_path / "en" / "law.md").write_text(
        f"title: T\nas-of-law: {old}\nas-of-pilot: {datetime.date.today()}\n---\n"
        "No national law has been passed [as-of:law].[@clt-action-plan-2024] The pilot "
        "runs [as-of:pilot].[@clt-rongcheng-experience]\n", encoding="utf-8")
    monkeypatch.setattr(content, "CONTENT_DIR", tmp_path)
    out = io.StringIO()
    call_command("stale", stdout=out)
    text = out.getvalue()
    assert f"{old}  en/law.md [as-of:law]  No national law has been passed as of {old}." \
        in text
    assert "[as-of:pilot]" not in text  # checked today: not stale


@pytest.mark.parametrize(("front", "message"), [
    ("as-of-law: 2026-13-01", "must be a date"),
    ("as-of-law: 2026-01-01\nas-of-other: 2026-01-01", "dates no statement"),
    ("", "has no front-matter line as-of-law"),
])
def test_a_dated_statement_needs_exactly_its_date(tmp_path, front, message):
    path = tmp_path / "x.md"
    path.write_text(f"title: T\n{front}\n---\nNo law [as-of:law].\n".replace("\n\n", "\n"),
                    encoding="utf-8")
    with pytest.raises(content.ContentError, match=message):
        content.split_front_matter(path.read_text(), str(path))
