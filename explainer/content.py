"""Page text: Markdown files rendered by one helper with a fixed extension list.

A page file is `content/<language>/<name>.md`: front-matter lines (`title:`,
`description:`, `claim:`, `short:` and, for system pages, `covers:`, `legal_basis:`,
`since:`), a line `---`, then Markdown. Additions to Markdown:

- `[@source-key]` cites a Source; it becomes a numbered footnote linking to the source.
- A line `[[widget-name]]` places an interactive widget (see WIDGETS) at that point.
- `[text](step:step-id)` links to a "See for yourself" step of the page's simulation: a
  record defined in `content/steps.json`, whose expected outcome the tests check.
- `[text](glossary:term-key)` marks a term from `content/<language>/glossary.md`: the
  reader gets its definition in a popover, and a link to the glossary.
- `[text](page:name)` links to another page of the site in the reader's language:
  `page:timeline`, `page:memorandums`, `page:glossary`, `page:sources`, `page:systems`,
  `page:changes`, `page:systems/<key>` or `page:misconceptions/<slug>`.
- `## Heading {.fold}` folds that section (up to the next heading or widget) under its
  heading: a chapter's evidence waits one tap below its opening.
- Front matter `glance: <persona key>` and `question: ...` open a chapter with that
  persona's verdicts in every system, under the question, before the evidence.
- `[as-of:name]` dates a statement of status (a law not enacted, a pilot running, a
  count): it reads "as of 6 December 2026", from the front-matter line `as-of-name:
  2026-12-06` recording when an editor last checked it. `manage.py stale` lists every such
  statement checked longer ago than the review period, so "as of" never goes quietly old.

Rendered pages are cached per process and dropped when a Source changes.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import markdown
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from explainer.links import source_href
from explainer.templatetags.explainer import cite
from explainer.translations import pages as translated_pages
from systems import engine
from systems.models import Source
from systems.releases import editions

CONTENT_DIR = Path(__file__).resolve().parent / "content"
EXTENSIONS = ["footnotes", "tables", "toc", "attr_list"]
WIDGETS = {"simulation", "dataflow", "pilot-map", "survey-chart"}
CITATION = re.compile(r"\[@([a-z0-9-]+)\]")
SHORTCODE = re.compile(r"^\[\[([a-z-]+)\]\]$", re.MULTILINE)
STEPS_FILE = CONTENT_DIR / "steps.json"
# Front-matter lines that may carry citations (the systems table shows them).
CITED_FIELDS = {"covers", "legal_basis", "since"}
STEP_LINK = re.compile(r'<a href="step:([a-z0-9-]+)">')
STEP_TEXT = re.compile(r'<a href="step:([a-z0-9-]+)">(.*?)</a>', re.DOTALL)
PAGE_LINK = re.compile(r'<a href="page:([a-z0-9/-]+)">')
PAGE_NAMES = {"home", "timeline", "memorandums", "glossary", "sources", "systems", "changes",
              "privacy"}
TERM_LINK = re.compile(r'<a href="glossary:([a-z0-9-]+)">(.*?)</a>')
GLOSSARY_ENTRY = re.compile(r"^## (.+?) \{#([a-z0-9-]+)\}\n+(.+?)(?=\n## |\Z)",
                            re.MULTILINE | re.DOTALL)
AS_OF = re.compile(r"\[as-of:([a-z0-9-]+)\]")
AS_OF_FIELD = re.compile(r"as-of-([a-z0-9-]+)")
FOOTNOTE_REF = re.compile(r'<a class="footnote-ref" href="#fn:([a-z0-9-]+)">(\d+)</a>')
FOOTNOTE_BACK = re.compile(r'<a class="footnote-backref" href="#fnref(\d*):([a-z0-9-]+)" '
                           r'title="[^"]*">')
# Stands in a footnote for its source until Markdown is done (see `footnote`).
SOURCE_NOTE = re.compile(r"SOURCE-NOTE-([a-z0-9-]+)-END")


class ContentError(ValueError):
    pass


@dataclass(frozen=True)
class Page:
    name: str
    language: str  # the language the text is actually in
    title: str
    description: str
    claim: str
    parts: tuple[tuple[str, SafeString | str], ...]  # ("html", html) or ("widget", name)
    citations: tuple[str, ...]  # source keys, in order of first citation
    short: str = ""  # the two-line short answer a chapter opens with
    fields: tuple[tuple[str, SafeString], ...] = ()  # cited front-matter lines, as HTML
    step_texts: tuple[tuple[str, str], ...] = ()  # (step id, its link's words), in order
    glance: str = ""  # a chapter's opening: the persona whose strip it shows first
    question: str = ""  # and the question it asks about it
    # A translation made from an earlier version of the English file (its front matter's
    # `translation-of:` no longer matches it: explainer/translations/pages.py).
    outdated: bool = False

    @property
    def widgets(self) -> set[str]:
        return {value for kind, value in self.parts if kind == "widget"}

    def field_html(self, name: str) -> SafeString:
        return dict(self.fields).get(name, mark_safe(""))

    @property
    def body_parts(self) -> tuple[tuple[str, SafeString | str], ...]:
        """The parts without the footnotes (a chapter folds them after its pager)."""
        return tuple((kind, mark_safe(str(value).partition('<div class="footnote">')[0])
                      if kind == "html" else value) for kind, value in self.parts)

    @property
    def text(self) -> SafeString:
        """The page's text without its footnotes (pages that place them apart)."""
        return mark_safe(self._notes()[0])

    @property
    def notes(self) -> SafeString:
        """The footnotes alone: the sources the text cites, numbered."""
        return mark_safe(self._notes()[1])

    def _notes(self) -> tuple[str, str]:
        html = "".join(str(v) for kind, v in self.parts if kind == "html")
        head, sep, tail = html.partition('<div class="footnote">')
        return head, sep + tail

    @property
    def intro(self) -> SafeString:
        """The first paragraph (the home page puts its way in right after it)."""
        return mark_safe(self._split()[0])

    @property
    def rest(self) -> SafeString:
        return mark_safe(self._split()[1])

    def _split(self) -> tuple[str, str]:
        html = "".join(str(v) for kind, v in self.parts if kind == "html")
        head, sep, tail = html.partition("</p>")
        return head + sep, tail


def page_path(language: str, name: str) -> Path:
    return CONTENT_DIR / language / f"{name}.md"


def has_text(language: str) -> bool:
    """Whether a language has text of its own (its pages in `content/<language>/`), so that
    a widget in it is more than English controls under a foreign tag."""
    return (CONTENT_DIR / language / "home.md").is_file()


def languages_with_text() -> list[tuple[str, str]]:
    """(code, name) of the site's languages that have text, in the settings' order."""
    return [(code, name) for code, name in settings.LANGUAGES if has_text(code)]


def load(name: str, language: str) -> Page:
    """The page in `language`, falling back to English until a translation exists."""
    for candidate in (language, settings.LANGUAGE_CODE):
        path = page_path(candidate, name)
        if path.is_file():
            english = page_path(settings.LANGUAGE_CODE, name)
            # Rendered in the reader's language whatever language is active (its "as of"
            # dates, notes and sources' notes): the result is kept under `language`, and a
            # check, a builder or a teacher's page may ask for a Dutch page under English.
            with translation.override(language):
                return _render(str(path), candidate, name,
                               _stamp(path, language, english if english != path else None),
                               language, editions.token())
    raise Http404(f"No page {name!r}.")


def system_page(system, language: str) -> Page:
    """A system's page: its text (`systems/<key>.md`), or, for a points scheme an editor
    added in the data, a page made from the data (the scheme and its pilot)."""
    name = f"systems/{system.key}"
    if any(page_path(c, name).is_file() for c in (language, settings.LANGUAGE_CODE)):
        return load(name, language)
    return scheme_page(system.scheme)


def scheme_page(scheme) -> Page:
    """The page of a scheme that has no text of its own: what the registry says of its
    pilot, whom it covers and since when, each with its source."""
    if scheme is None:
        raise Http404("No page for this system.")
    pilot = scheme.pilot
    pilot_sources = " ".join(str(cite(s)) for s in pilot.sources.all())
    scheme_source = cite(scheme.source) if scheme.source is not None else ""
    html = format_html(
        "<p>{} {}</p><p>{} {}</p><p>{}</p>", pilot.summary, mark_safe(pilot_sources),
        _("It covers %(who)s.") % {"who": scheme.eligibility}, scheme_source,
        _("This page is made from our data on the scheme: its rules, grades and sources "
          "are below. Values marked illustrative show the shape of the scheme only."))
    fields = (
        ("covers", format_html("{} {}", scheme.eligibility, scheme_source)),
        ("since", format_html("{} {}", pilot.started, mark_safe(pilot_sources))),
        ("legal_basis", format_html("{}", _("Not stated in the sources we have"))),
    )
    return Page(name=f"systems/{scheme.system}", language=settings.LANGUAGE_CODE,
                title=scheme.name, description=pilot.summary, claim="",
                parts=(("html", html),), citations=tuple(s.key for s in pilot.sources.all()),
                fields=fields)


def _stamp(path: Path, language: str, english: Path | None = None) -> tuple[int, ...]:
    """Modification times of the page and of what it draws on (steps, glossary, and for a
    translation the English file, which may have moved on since)."""
    files = [path, STEPS_FILE, glossary_path(language), *([english] if english else [])]
    return tuple(f.stat().st_mtime_ns if f.is_file() else 0 for f in files)


def split_front_matter(text: str, where: str) -> tuple[dict[str, str], str]:
    head, sep, body = text.partition("\n---\n")
    if not sep:
        raise ContentError(f"{where}: front matter must end with a line '---'.")
    meta = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        if not colon:
            raise ContentError(f"{where}: front-matter line {line!r} is not 'key: value'.")
        meta[key.strip()] = value.strip()
    if not meta.get("title"):
        raise ContentError(f"{where}: a page needs a title.")
    for key, value in meta.items():
        if AS_OF_FIELD.fullmatch(key):
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                raise ContentError(f"{where}: {key} must be a date, YYYY-MM-DD, not "
                                   f"{value!r}.") from None
    used = set(AS_OF.findall(head + "\n" + body))
    declared = {AS_OF_FIELD.fullmatch(k)[1] for k in meta if AS_OF_FIELD.fullmatch(k)}
    if used - declared:
        raise ContentError(f"{where}: [as-of:{sorted(used - declared)[0]}] has no front-matter "
                           f"line as-of-{sorted(used - declared)[0]}: YYYY-MM-DD.")
    if declared - used:
        raise ContentError(f"{where}: as-of-{sorted(declared - used)[0]} dates no statement "
                           f"(no [as-of:{sorted(declared - used)[0]}] in the text).")
    return meta, body


def as_of_dates(meta: dict[str, str]) -> dict[str, datetime.date]:
    return {m[1]: datetime.date.fromisoformat(value) for key, value in meta.items()
            if (m := AS_OF_FIELD.fullmatch(key))}


def as_of_html(date: datetime.date) -> str:
    """"as of 6 December 2026", in the reader's language, as a machine-readable date."""
    return (f'<time class="as-of" datetime="{date.isoformat()}">'
            f'{escape(_("as of %(date)s") % {"date": date_format(date)})}</time>')


def date_statements(text: str, dates: dict[str, datetime.date]) -> str:
    return AS_OF.sub(lambda m: as_of_html(dates[m[1]]), text)


@lru_cache(maxsize=256)
def _render(path: str, language: str, name: str, stamp: tuple, reader_language: str,
            version: tuple | None) -> Page:
    """One page, rendered; cached by file, language and edition (footnotes show the
    sources as they are now, on every server)."""
    meta, body = split_front_matter(Path(path).read_text(encoding="utf-8"), path)
    citations: list[str] = list(dict.fromkeys(CITATION.findall(body)))
    cited_fields = {k: v for k, v in meta.items() if k in CITED_FIELDS}
    in_fields = [key for v in cited_fields.values() for key in CITATION.findall(v)]
    known = engine.rows().by_key(Source)
    sources = {key: known[key] for key in citations + in_fields if key in known}
    if len(sources) < len(set(citations + in_fields)):  # text deployed before its sources
        sources = {**Source.objects.in_bulk(citations + in_fields, field_name="key"),
                   **sources}  # were released: the draft's entry, rather than no page
    missing = [key for key in dict.fromkeys(citations + in_fields) if key not in sources]
    if missing:
        raise ContentError(f"{path}: cites unknown sources: {', '.join(missing)}.")
    dates = as_of_dates(meta)
    # Dated statements become HTML before Markdown runs (inline HTML passes through it).
    body = date_statements(body, dates)
    body = CITATION.sub(lambda m: f"[^{m.group(1)}]", body)
    if citations:
        body += "\n\n" + "\n".join(f"[^{key}]: SOURCE-NOTE-{key}-END" for key in citations)

    parts: list[tuple[str, SafeString | str]] = []
    chunks = SHORTCODE.split(body)
    # Footnote references must resolve across widgets, so render once with placeholders.
    placeholder = "WIDGET-{}-PLACEHOLDER"
    joined = "".join(chunk if i % 2 == 0 else f"\n\n{placeholder.format(chunk)}\n\n"
                     for i, chunk in enumerate(chunks))
    for widget in chunks[1::2]:
        if widget not in WIDGETS:
            raise ContentError(f"{path}: unknown widget [[{widget}]].")
    html = markdown.markdown(joined, extensions=EXTENSIONS, output_format="html")
    html = SOURCE_NOTE.sub(lambda m: footnote(sources[m[1]], language), html)
    step_texts = tuple((key, " ".join(strip_tags(words).split()))
                       for key, words in STEP_TEXT.findall(html))
    html = link_steps(html, path, name)
    html = link_pages(html, path)
    html = mark_terms(html, path, reader_language)
    html = name_footnotes(html)
    html = fold_sections(html)
    pieces = re.split(r"<p>WIDGET-([a-z-]+)-PLACEHOLDER</p>", html)
    for i, piece in enumerate(pieces):
        if i % 2:
            parts.append(("widget", piece))
        elif piece.strip():
            parts.append(("html", mark_safe(piece)))  # our own files, rendered by Markdown
    fields = tuple((k, cite_inline(v, sources, dates)) for k, v in cited_fields.items())
    return Page(name, language, meta["title"], meta.get("description", ""),
                meta.get("claim", ""), tuple(parts), tuple(citations),
                short=meta.get("short", ""), fields=fields, step_texts=step_texts,
                glance=meta.get("glance", ""), question=meta.get("question", ""),
                outdated=language != settings.LANGUAGE_CODE and translated_pages.stale(
                    Path(path), CONTENT_DIR))


def cite_inline(text: str, sources: dict, dates: dict | None = None) -> SafeString:
    """A one-line front-matter value with its citations as links to the sources, and its
    dated statements as dates."""
    pieces = CITATION.split(text)
    shown = [(sources[key].outlet, sources[key].published) for key in pieces[1::2]]
    html = "".join(date_statements(escape(piece), dates or {}) if i % 2 == 0
                   else " " + cite(sources[piece], titled=shown.count(
                       (sources[piece].outlet, sources[piece].published)) > 1)
                   for i, piece in enumerate(pieces))
    return mark_safe(re.sub(r"\s+<a", " <a", html.strip()))


def name_footnotes(html: str) -> str:
    """Footnote links named for what they are, and commas only between adjacent notes."""
    def ref(m):  # (gettext calls inside f-strings are not extracted: makemessages)
        label = escape(_("Source %(n)s") % {"n": m[2]})
        return f'<a class="footnote-ref" href="#fn:{m[1]}" aria-label="{label}">{m[2]}</a>'
    html = FOOTNOTE_REF.sub(ref, html)
    def back(m):  # a source cited twice or more has a way back to each place
        label = (_("Back to the text") if not m[1] else
                 _("Back to the text, place %(n)s") % {"n": m[1]})
        return (f'<a class="footnote-backref" href="#fnref{m[1]}:{m[2]}" '
                f'aria-label="{escape(label)}">')
    html = FOOTNOTE_BACK.sub(back, html)
    html = html.replace('</a><a class="footnote-backref"', '</a> <a class="footnote-backref"')
    return html.replace("</sup><sup", '</sup><span class="fn-sep">,</span><sup')


FOLD = re.compile(r'<h2 class="fold"( id="[^"]*")?>(.*?)</h2>(.*?)'
                  r'(?=<h2[ >]|<p>WIDGET-|<div class="footnote">|\Z)', re.DOTALL)


def fold_sections(html: str) -> str:
    """A heading marked `{.fold}` becomes the summary of a folded section."""
    return FOLD.sub(lambda m: (f'<details class="fold"{m[1] or ""}><summary><h2>{m[2]}</h2>'
                               f'</summary>{m[3]}</details>\n'), html)


def link_steps(html: str, path: str, name: str) -> str:
    """`step:` links become links that set the step's record and jump to the results."""
    steps = {step["id"]: step for step in load_steps().get(name, [])}

    def link(match):
        step = steps.get(match[1])
        if step is None:
            raise ContentError(f"{path}: no step {match[1]!r} for {name!r} in steps.json.")
        return (f'<a class="step" href="?{escape(step["record"])}#results" '
                f'data-step="{match[1]}">')
    return STEP_LINK.sub(link, html)


def link_pages(html: str, path: str) -> str:
    """`page:` links become links to that page in the reader's language."""
    def link(match):
        target = match[1]
        kind, _slash, arg = target.partition("/")
        if target in PAGE_NAMES:
            href = reverse(f"explainer:{target}")
        elif kind == "systems" and arg:
            href = reverse("explainer:system", args=[arg])
        elif kind == "misconceptions" and arg:
            href = reverse("explainer:misconception", args=[arg])
        else:
            known = ", ".join(f"page:{name}" for name in sorted(PAGE_NAMES))
            raise ContentError(f"{path}: no page {target!r} ({known}, page:systems/<key> or "
                               "page:misconceptions/<slug>).")
        return f'<a href="{escape(href)}">'
    return PAGE_LINK.sub(link, html)


def mark_terms(html: str, path: str, language: str) -> str:
    """`glossary:` links become a term button with its definition in a popover."""
    glossary = load_glossary(language)
    seen: dict[str, int] = {}

    def term(match):
        key, text = match[1], match[2]
        entry = glossary.get(key)
        if entry is None:
            raise ContentError(f"{path}: no glossary entry {key!r}.")
        seen[key] = seen.get(key, 0) + 1
        pop = f"term-{key}-{seen[key]}"
        more = reverse("explainer:glossary") + f"#{key}"
        in_glossary = escape(_("In the glossary"))
        return (f'<button type="button" class="term" popovertarget="{pop}">{text}</button>'
                f'<span class="popover" popover id="{pop}"><strong>{escape(entry[0])}</strong>: '
                f'{entry[1]} <a href="{more}">{in_glossary}</a></span>')
    return TERM_LINK.sub(term, html)


@cache
def _steps(stamp: int) -> dict:
    return json.loads(STEPS_FILE.read_text(encoding="utf-8")) if stamp else {}


def load_steps() -> dict[str, list[dict]]:
    """The "See for yourself" steps, by chapter: id, record (a query), after, expect."""
    return _steps(STEPS_FILE.stat().st_mtime_ns if STEPS_FILE.is_file() else 0)


def glossary_path(language: str) -> Path:
    path = page_path(language, "glossary")
    return path if path.is_file() else page_path(settings.LANGUAGE_CODE, "glossary")


@cache
def _glossary(path: str, stamp: int) -> dict[str, tuple[str, str]]:
    if not stamp:
        return {}
    # In the language it is written in (`content/<language>/`), whatever language is
    # active: its "as of" dates read as its definitions do, and it is kept by its file.
    with translation.override(Path(path).parent.name):
        return _glossary_entries(path)


def _glossary_entries(path: str) -> dict[str, tuple[str, str]]:
    meta, body = split_front_matter(Path(path).read_text(encoding="utf-8"), path)
    dates = as_of_dates(meta)
    entries = {}
    for term, key, definition in GLOSSARY_ENTRY.findall(body):
        plain = CITATION.sub("", definition).strip()
        plain = AS_OF.sub(lambda m, d=dates: _("as of %(date)s") % {
            "date": date_format(d[m[1]])}, plain)
        html = markdown.markdown(plain, output_format="html")
        entries[key] = (term, strip_tags(html).strip())
    return entries


def load_glossary(language: str) -> dict[str, tuple[str, str]]:
    """Term key → (term, definition as plain text), for the popovers."""
    path = glossary_path(language)
    return _glossary(str(path), path.stat().st_mtime_ns if path.is_file() else 0)


def footnote(source: Source, language: str = "") -> str:
    """A footnote's HTML: title, outlet, date, and a link to the source.

    Built after Markdown has run, so nothing in a source is read as Markdown or HTML. A
    source with no public copy links to its entry on the Sources page, which says why.
    """
    date = source.published or _("undated")
    title = escape(source.title)
    if source.language != (language or settings.LANGUAGE_CODE):  # say a title's language
        title = f'<span lang="{escape(source.language)}">{title}</span>'
    text = f"{title}, {escape(source.outlet)}, {escape(date)}"
    if source.locator:
        text += f", {escape(source.locator)}"
    return f'<a href="{escape(source_href(source))}">{text}</a>.'


def cited_on() -> dict[str, list[str]]:
    """Which page names cite each source key, scanning the content files (for Sources)."""
    index: dict[str, list[str]] = {}
    base = CONTENT_DIR / settings.LANGUAGE_CODE
    for path in sorted(base.rglob("*.md")):
        name = str(path.relative_to(base).with_suffix(""))
        for key in dict.fromkeys(CITATION.findall(path.read_text(encoding="utf-8"))):
            index.setdefault(key, []).append(name)
    return index


@dataclass(frozen=True)
class DatedStatement:
    """A statement of status in the page text and when an editor last checked it."""

    checked: datetime.date
    page: str  # the file, relative to content/
    name: str  # its as-of- name
    text: str  # the sentence, as plain text


def dated_statements() -> list[DatedStatement]:
    """Every `[as-of:...]` statement in every language's pages, oldest check first."""
    found = []
    for path in sorted(CONTENT_DIR.rglob("*.md")):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"), str(path))
        dates = as_of_dates(meta)
        text = "\n".join(f"{k}: {v}" for k, v in meta.items() if k in CITED_FIELDS) + \
            "\n" + body
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            for name in dict.fromkeys(AS_OF.findall(sentence)):
                plain = AS_OF.sub(lambda m, d=dates: f"as of {d[m[1]]}", sentence)
                plain = re.sub(r"\[@[a-z0-9-]+\]|\]\([a-z]+:[a-z0-9-]+\)|\[", "", plain)
                found.append(DatedStatement(dates[name], str(path.relative_to(CONTENT_DIR)),
                                            name, " ".join(plain.split())))
    return sorted(found, key=lambda s: (s.checked, s.page, s.name))


def stale_statements(cutoff: datetime.date) -> list[str]:
    """Dated statements checked before `cutoff`, for `manage.py stale`."""
    return [f"{s.checked}  {s.page} [as-of:{s.name}]  {s.text}"
            for s in dated_statements() if s.checked < cutoff]


def pages_citing(key: str) -> list[str]:
    """The pages whose text cites a source, for the editors' "cited by"."""
    return [f"page '{name}'" for name in cited_on().get(key, [])]


def _drop_cache(**kwargs):
    _render.cache_clear()


post_save.connect(_drop_cache, sender=Source, dispatch_uid="content-sources")
post_delete.connect(_drop_cache, sender=Source, dispatch_uid="content-sources-d")
