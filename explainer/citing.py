"""How to cite a page: author, title, the release and its date, the address with the
record, the date retrieved; in plain text and in BibTeX (the way Our World in Data's
charts offer it), with a reminder to cite each number's own source."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# BibTeX's special characters, escaped in titles and notes (an address goes in \url{}).
BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def bibtex_escape(text: str) -> str:
    def one(match):
        char = match[1]
        return {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(char, "\\" + char)
    return BIBTEX_SPECIAL.sub(one, text)


@dataclass(frozen=True)
class Citation:
    author: str
    title: str
    site: str
    release: int | None
    released: str  # the release's date, in words
    url: str
    retrieved: str  # today, in words
    year: str
    key: str

    @property
    def plain(self) -> str:
        release = (_("release %(n)s of %(date)s") % {"n": self.release, "date": self.released}
                   if self.release else self.released)
        return _("%(author)s. %(title)s. %(site)s, %(release)s. %(url)s "
                 "(retrieved %(retrieved)s).") % {
            "author": self.author, "title": self.title, "site": self.site,
            "release": release, "url": self.url, "retrieved": self.retrieved}

    @property
    def bibtex_url(self) -> str:
        """The address as BibTeX's \\url{} takes it."""
        return self.url.replace("%", r"\%").replace("#", r"\#")

    @property
    def bibtex(self) -> str:
        note = (_("Release %(n)s of %(date)s; retrieved %(retrieved)s") % {
            "n": self.release, "date": self.released, "retrieved": self.retrieved}
            if self.release else _("Retrieved %(retrieved)s") % {"retrieved": self.retrieved})
        url = self.bibtex_url
        return (f"@misc{{{self.key},\n"
                f"  author = {{{{{bibtex_escape(self.author)}}}}},\n"
                f"  title = {{{{{bibtex_escape(self.title)}}}}},\n"
                f"  howpublished = {{{bibtex_escape(self.site)}, \\url{{{url}}}}},\n"
                f"  year = {{{self.year}}},\n"
                f"  note = {{{bibtex_escape(note)}}}\n}}")


def citation(request, title: str, edition, permalink: str = "") -> Citation:
    """The citation of the page this request shows, with the record in its address: a
    simulation's permalink names its release too (`rules=`), so it shows what was cited."""
    release = edition.release if edition is not None else None
    number = release.number if release is not None else None
    as_of = getattr(edition, "as_of", None)
    url = pinned(permalink, number) if permalink else request.build_absolute_uri()
    return replace(_citation(request.path, title, number, as_of, get_language(),
                             timezone.localdate()), url=url)


@lru_cache(maxsize=256)
def _citation(path: str, title: str, number: int | None, as_of, language: str,
              today) -> Citation:
    """All of a citation but its address, written once per page, release, language and
    day: every new record of a chapter sends its citation again."""
    released = date_format(timezone.localtime(as_of).date()) if as_of else ""
    path = path.strip("/").replace("/", "-") or "home"
    key = re.sub(r"[^a-z0-9-]", "", f"ccse-{path}" + (f"-r{number}" if number else ""))
    return Citation(
        author=_("The editors of China's credit systems, explained"), title=title,
        site=_("China's credit systems, explained"), release=number, released=released,
        url="", retrieved=date_format(today),
        year=str((as_of or timezone.now()).year), key=key)


def pinned(url: str, release: int | None) -> str:
    """A permalink with its release named, unless it names one already."""
    if release is None or "rules=" in url:
        return url
    return url + ("&" if "?" in url else "?") + f"rules={release}"
