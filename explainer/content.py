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

Rendered pages are cached per process and dropped when a Source changes.
"""

from __future__ import annotations

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
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from explainer.links import source_href
from explainer.templatetags.explainer import cite
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
TERM_LINK = re.compile(r'<a href="glossary:([a-z0-9-]+)">(.*?)</a>')
GLOSSARY_ENTRY = re.compile(r"^## (.+?) \{#([a-z0-9-]+)\}\n+(.+?)(?=\n## |\Z)",
                            re.MULTILINE | re.DOTALL)
FOOTNOTE_REF = re.compile(r'<a class="footnote-ref" href="#fn:([a-z0-9-]+)">(\d+)</a>')
FOOTNOTE_BACK = re.compile(r'<a class="footnote-backref" href="#fnref:([a-z0-9-]+)" '
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

    @property
    def widgets(self) -> set[str]:
        return {value for kind, value in self.parts if kind == "widget"}

    def field_html(self, name: str) -> SafeString:
        return dict(self.fields).get(name, mark_safe(""))

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


def load(name: str, language: str) -> Page:
    """The page in `language`, falling back to English until a translation exists."""
    for candidate in (language, settings.LANGUAGE_CODE):
        path = page_path(candidate, name)
        if path.is_file():
            return _render(str(path), candidate, name, _stamp(path, language), language,
                           editions.token())
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


def _stamp(path: Path, language: str) -> tuple[int, ...]:
    """Modification times of the page and of what it draws on (steps, glossary)."""
    files = [path, STEPS_FILE, glossary_path(language)]
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
    return meta, body


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
    html = SOURCE_NOTE.sub(lambda m: footnote(sources[m[1]]), html)
    html = link_steps(html, path, name)
    html = mark_terms(html, path, reader_language)
    html = name_footnotes(html)
    pieces = re.split(r"<p>WIDGET-([a-z-]+)-PLACEHOLDER</p>", html)
    for i, piece in enumerate(pieces):
        if i % 2:
            parts.append(("widget", piece))
        elif piece.strip():
            parts.append(("html", mark_safe(piece)))  # our own files, rendered by Markdown
    fields = tuple((k, cite_inline(v, sources)) for k, v in cited_fields.items())
    return Page(name, language, meta["title"], meta.get("description", ""),
                meta.get("claim", ""), tuple(parts), tuple(citations),
                short=meta.get("short", ""), fields=fields)


def cite_inline(text: str, sources: dict) -> SafeString:
    """A one-line front-matter value with its citations as links to the sources."""
    pieces = CITATION.split(text)
    html = "".join(escape(piece) if i % 2 == 0 else " " + cite(sources[piece])
                   for i, piece in enumerate(pieces))
    return mark_safe(re.sub(r"\s+<a", " <a", html.strip()))


def name_footnotes(html: str) -> str:
    """Footnote links named for what they are, and commas only between adjacent notes."""
    html = FOOTNOTE_REF.sub(
        lambda m: (f'<a class="footnote-ref" href="#fn:{m[1]}" '
                   f'aria-label="{escape(_("Source %(n)s") % {"n": m[2]})}">{m[2]}</a>'), html)
    html = FOOTNOTE_BACK.sub(
        lambda m: (f'<a class="footnote-backref" href="#fnref:{m[1]}" '
                   f'aria-label="{escape(_("Back to the text"))}">'), html)
    return html.replace("</sup><sup", '</sup><span class="fn-sep">,</span><sup')


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
        return (f'<button type="button" class="term" popovertarget="{pop}">{text}</button>'
                f'<span class="popover" popover id="{pop}"><strong>{escape(entry[0])}</strong>: '
                f'{entry[1]} <a href="{more}">{escape(_("In the glossary"))}</a></span>')
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
    _meta, body = split_front_matter(Path(path).read_text(encoding="utf-8"), path)
    entries = {}
    for term, key, definition in GLOSSARY_ENTRY.findall(body):
        plain = CITATION.sub("", definition).strip()
        html = markdown.markdown(plain, output_format="html")
        entries[key] = (term, strip_tags(html).strip())
    return entries


def load_glossary(language: str) -> dict[str, tuple[str, str]]:
    """Term key → (term, definition as plain text), for the popovers."""
    path = glossary_path(language)
    return _glossary(str(path), path.stat().st_mtime_ns if path.is_file() else 0)


def footnote(source: Source) -> str:
    """A footnote's HTML: title, outlet, date, and a link to the source.

    Built after Markdown has run, so nothing in a source is read as Markdown or HTML. A
    source with no public copy links to its entry on the Sources page, which says why.
    """
    date = source.published or _("undated")
    text = f"{escape(source.title)}, {escape(source.outlet)}, {escape(date)}"
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


def pages_citing(key: str) -> list[str]:
    """The pages whose text cites a source, for the editors' "cited by"."""
    return [f"page '{name}'" for name in cited_on().get(key, [])]


def _drop_cache(**kwargs):
    _render.cache_clear()


post_save.connect(_drop_cache, sender=Source, dispatch_uid="content-sources")
post_delete.connect(_drop_cache, sender=Source, dispatch_uid="content-sources-d")
