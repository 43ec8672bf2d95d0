"""Teacher guides: a 45-minute lesson per chapter, made from the page text and the steps.

A guide's words are a content page, `content/<language>/teach/<chapter slug>.md`, read by
`explainer.content` like every other page (front matter, `[@source-key]` footnotes,
`page:` and `glossary:` links), with these sections, each an `## Heading {#id}`:

- `goals` (required): a list of 3 or 4 things students can do after the lesson;
- `plan` (required): a table `| Minutes | What happens |`, one row per part, the part's
  name in bold first (`| 5 | **Predict**: ... |`); the minutes must add up to 45;
- `background` (optional): for the teacher, why the idea sticks, what the evidence
  shows and how to check a claim like it (the three questions of Gapminder's Factfulness
  guide), with `###` sub-headings;
- `discuss` (required): a list of 4 to 6 open questions, each ending with "?";
- `asked` (optional): questions students ask, each a paragraph opening with the question
  in bold, then a short answer with its source.

What students do in class is not written in the guide at all: it is the chapter's "See for
yourself" steps (`content/steps.json`), each a link to the chapter with the step's record
and a QR code of that link, and the answer key is the engine's verdict for each step's
record with the right choice of `predict.questions`, so neither can drift from what the
chapter shows. A chapter without steps (misconception 5, a chart) gets its chart instead:
the activity opens the chart, and the key lists the figures it shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from explainer import content, panel, qr, simulation, steps
from explainer.chapters import Chapter

from . import predict

LESSON_MINUTES = 45
SECTIONS = {"goals": True, "plan": True, "background": False, "discuss": True, "asked": False}
GOALS = (3, 4)
QUESTIONS = (4, 6)
LETTERS = "ABC"  # predict's three choices, in its order
HEADING = re.compile(r'<h2 id="([a-z0-9-]+)">(.*?)</h2>', re.DOTALL)
ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)
ROW = re.compile(r"<tr>\s*<td>\s*(\d+)\s*</td>\s*<td>\s*<strong>(.+?)</strong>:?\s*(.*?)</td>\s*"
                 r"</tr>", re.DOTALL)


@dataclass(frozen=True)
class Part:
    """One part of the lesson: its minutes, when it starts and ends, what happens."""

    minutes: int
    start: int
    name: str
    text: SafeString

    @property
    def end(self) -> int:
        return self.start + self.minutes


@dataclass(frozen=True)
class Section:
    title: SafeString
    html: SafeString


@dataclass(frozen=True)
class Guide:
    chapter: Chapter
    page: content.Page  # the guide's own text, with its footnotes
    sections: dict[str, Section]
    plan: tuple[Part, ...]

    @property
    def minutes(self) -> int:
        return sum(part.minutes for part in self.plan)


def plain(html: str) -> str:
    """The words of some HTML, without its footnote numbers."""
    html = re.sub(r'<sup id="fnref[^"]*:[^"]*">.*?</sup>|<span class="fn-sep">,</span>', "",
                  html, flags=re.DOTALL)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def load(chapter: Chapter, language: str) -> Guide:
    """The chapter's guide in `language` (English until a translation exists)."""
    name = f"teach/{chapter.slug}"
    page = content.load(name, language)
    where = str(content.page_path(page.language, name))
    if page.widgets:
        raise content.ContentError(f"{where}: a guide places no widget; its activity is the "
                                   "chapter's steps.")
    pieces = HEADING.split(str(page.text))
    sections = {key: Section(mark_safe(title), mark_safe(html))
                for key, title, html in zip(pieces[1::3], pieces[2::3], pieces[3::3],
                                            strict=True)}
    unknown = set(sections) - set(SECTIONS)
    missing = {key for key, required in SECTIONS.items() if required} - set(sections)
    if unknown or missing:
        raise content.ContentError(
            f"{where}: sections are ## Heading {{#id}} with id one of {', '.join(SECTIONS)}"
            f"; unknown: {sorted(unknown) or 'none'}, missing: {sorted(missing) or 'none'}.")
    goals = ITEM.findall(sections["goals"].html)
    if not GOALS[0] <= len(goals) <= GOALS[1]:
        raise content.ContentError(f"{where}: give {GOALS[0]} to {GOALS[1]} learning goals, "
                                   f"as a list (found {len(goals)}).")
    questions = [plain(item) for item in ITEM.findall(sections["discuss"].html)]
    if not QUESTIONS[0] <= len(questions) <= QUESTIONS[1] or not all(
            q.endswith("?") for q in questions):
        raise content.ContentError(f"{where}: give {QUESTIONS[0]} to {QUESTIONS[1]} discussion "
                                   "questions, as a list, each ending with '?'.")
    return Guide(chapter, page, sections, read_plan(sections["plan"].html, where))


def read_plan(html: str, where: str) -> tuple[Part, ...]:
    rows = ROW.findall(html)
    if not rows or len(rows) != html.count("<tr>") - 1:  # every row but the header's
        raise content.ContentError(f"{where}: the plan is a table | Minutes | What happens |, "
                                   "each row '| 5 | **Part**: what happens |'.")
    parts, start = [], 0
    for minutes, name, text in rows:
        parts.append(Part(int(minutes), start, plain(name), mark_safe(text.strip())))
        start += int(minutes)
    if start != LESSON_MINUTES:
        raise content.ContentError(f"{where}: the plan's parts add up to {start} minutes, "
                                   f"not {LESSON_MINUTES}.")
    return tuple(parts)


# --- The activity: the chapter's steps, each with its link, QR code and answers ---------


@dataclass(frozen=True)
class KeyRow:
    """One system's line in the answer key."""

    system: str
    name: str
    shown: SafeString  # the verdict as the chapter's strip shows it
    letter: str  # the right one of predict's three choices, as the activity letters them
    answer: str  # and in words


@dataclass(frozen=True)
class Step:
    number: int
    id: str
    does: str  # what the step sets, in the form's words
    href: str  # the chapter with the step's record, absolute
    qr: SafeString
    key: tuple[KeyRow, ...]


def qr_svg(url: str, title: str) -> SafeString:
    """A small inline QR code of `url` (sized by CSS; no inline style, for the CSP)."""
    return qr.svg(url, str(title))


def strip_answer(result, words: dict[str, str]) -> SafeString:
    """A system's answer as the chapter's strip writes it (explainer/panel.py, strip_row):
    the verdict with its band and illustrative mark, or first that it does not cover them."""
    if not result.applies and not result.fiction:
        return mark_safe(panel.uncovered_answer(result, words))
    verdict = result.verdict
    band = (f" <small>{escape(verdict.band)}</small>"
            if verdict.kind == "score" and verdict.band else "")
    illustrative = (f' <small class="illus-mark">{words["illustrative"]}</small>'
                    if verdict.status == "illustrative" else "")
    return mark_safe(f"{escape(verdict.headline)}{band}{illustrative}")


def answer_key(outcome, baseline, language: str) -> tuple[KeyRow, ...]:
    words = panel.words(language)
    keys = [key for key, _label in predict.CHOICES]
    return tuple(KeyRow(q.system, q.name, strip_answer(outcome[q.system], words),
                        LETTERS[keys.index(q.answer)], q.answer_label)
                 for q in predict.questions(outcome, baseline))


def activity(chapter: Chapter, absolute, language: str) -> tuple[Step, ...]:
    """The chapter's "See for yourself" steps, numbered as its step bar numbers them.
    `absolute` turns a path into the address a student's phone opens."""
    chapter_steps = content.load_steps().get(chapter.slug, [])
    baseline = simulation.read(QueryDict()).outcome
    found = []
    for index, step in enumerate(chapter_steps):
        sim = simulation.read(QueryDict(step["record"]))
        earlier = chapter_steps[index - 1]["record"] if index else ""  # as the step bar says
        # Students predict first, then see the verdicts (explainer/lessons/predict.py).
        href = absolute(f"{chapter.get_absolute_url()}?{step['record']}&reveal=after#results")
        found.append(Step(index + 1, step["id"], steps.words_of(step["record"], earlier),
                          href, qr_svg(href, _("QR code of the link to step %(n)s") % {
                              "n": index + 1}), answer_key(sim.outcome, baseline, language)))
    return tuple(found)


def chart_link(chapter: Chapter, absolute) -> tuple[str, SafeString]:
    """For a chapter whose "See for yourself" is a chart: its address and QR code."""
    href = absolute(chapter.get_absolute_url() + "#see-for-yourself")
    return href, qr_svg(href, _("QR code of the link to the chart"))


def choices() -> list[tuple[str, str]]:
    """Predict's three answers, lettered, as students are given them."""
    return [(LETTERS[i], str(label)) for i, (_key, label) in enumerate(predict.CHOICES)]

