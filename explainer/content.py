"""Page text: Markdown files rendered by one helper with a fixed extension list.

A page file is `content/<language>/<name>.md`: front-matter lines (`title:`,
`description:`, `claim:`), a line `---`, then Markdown. Two additions to Markdown:

- `[@source-key]` cites a Source; it becomes a numbered footnote linking to the source.
- A line `[[widget-name]]` places an interactive widget (see WIDGETS) at that point.

Rendered pages are cached per process and dropped when a Source changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import markdown
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from systems.models import Source

CONTENT_DIR = Path(__file__).resolve().parent / "content"
EXTENSIONS = ["footnotes", "tables", "toc", "attr_list"]
WIDGETS = {"simulation", "dataflow", "pilot-map", "survey-chart"}
CITATION = re.compile(r"\[@([a-z0-9-]+)\]")
SHORTCODE = re.compile(r"^\[\[([a-z-]+)\]\]$", re.MULTILINE)


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

    @property
    def widgets(self) -> set[str]:
        return {value for kind, value in self.parts if kind == "widget"}


def page_path(language: str, name: str) -> Path:
    return CONTENT_DIR / language / f"{name}.md"


def load(name: str, language: str) -> Page:
    """The page in `language`, falling back to English until a translation exists."""
    for candidate in (language, settings.LANGUAGE_CODE):
        path = page_path(candidate, name)
        if path.is_file():
            return _render(str(path), candidate, name, path.stat().st_mtime_ns)
    raise Http404(f"No page {name!r}.")


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


@cache
def _render(path: str, language: str, name: str, mtime: int) -> Page:
    meta, body = split_front_matter(Path(path).read_text(encoding="utf-8"), path)
    citations: list[str] = list(dict.fromkeys(CITATION.findall(body)))
    sources = Source.objects.in_bulk(citations, field_name="key")
    missing = [key for key in citations if key not in sources]
    if missing:
        raise ContentError(f"{path}: cites unknown sources: {', '.join(missing)}.")
    body = CITATION.sub(lambda m: f"[^{m.group(1)}]", body)
    if citations:
        body += "\n\n" + "\n".join(f"[^{key}]: {footnote(sources[key])}" for key in citations)

    parts: list[tuple[str, SafeString | str]] = []
    chunks = SHORTCODE.split(body)
    # Footnote references must resolve across widgets, so render once with placeholders.
    placeholder = "WIDGET-{}-PLACEHOLDER"
    joined = "".join(chunk if i % 2 == 0 else f"\n\n{placeholder.format(chunk)}\n\n"
                     for i, chunk in enumerate(chunks))
    for widget in chunks[1::2]:
        if widget not in WIDGETS:
            raise ContentError(f"{path}: unknown widget [[{widget}]].")
    html = markdown.markdown(joined, extensions=EXTENSIONS, output_format="html",
                             extension_configs={"footnotes": {"BACKLINK_TITLE": "Back to text"}})
    pieces = re.split(r"<p>WIDGET-([a-z-]+)-PLACEHOLDER</p>", html)
    for i, piece in enumerate(pieces):
        if i % 2:
            parts.append(("widget", piece))
        elif piece.strip():
            parts.append(("html", mark_safe(piece)))  # our own files, rendered by Markdown
    return Page(name, language, meta["title"], meta.get("description", ""),
                meta.get("claim", ""), tuple(parts), tuple(citations))


def footnote(source: Source) -> str:
    """A footnote's Markdown: title, outlet, date, and a link to the source."""
    date = source.published or "undated"
    text = f"{escape(source.title)}, {escape(source.outlet)}, {date}"
    if source.locator:
        text += f", {escape(source.locator)}"
    if source.url:
        return f"[{text}]({source.url})."
    return f"{text} (no public link)."


def cited_on() -> dict[str, list[str]]:
    """Which page names cite each source key, scanning the content files (for Sources)."""
    index: dict[str, list[str]] = {}
    for path in sorted((CONTENT_DIR / "en").rglob("*.md")):
        name = str(path.relative_to(CONTENT_DIR / "en").with_suffix(""))
        for key in dict.fromkeys(CITATION.findall(path.read_text(encoding="utf-8"))):
            index.setdefault(key, []).append(name)
    return index


def _drop_cache(**kwargs):
    _render.cache_clear()


post_save.connect(_drop_cache, sender=Source, dispatch_uid="content-sources")
post_delete.connect(_drop_cache, sender=Source, dispatch_uid="content-sources-d")
