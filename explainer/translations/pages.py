"""A page's translation, held to the English file it translates (the way MDN's translated
content records its source): `content/<language>/<name>.md` names, in its front matter
line `translation-of:`, the git blob hash of the English file it was made from (what
`git hash-object` prints, computed here without git, so a server without a checkout can
tell). When the English changes, the hash no longer matches: `manage.py check` warns,
and the page says it was translated from an earlier version until it is updated.
`git diff <old hash> <new hash>` shows the translator what changed.

The parts readers follow and the site checks are the English file's, verbatim: citation
keys (each as many times), widget markers, step, glossary and page link targets, anchors,
"as of" markers, and the front-matter lines that are not prose (`glance`, `as-of-*`).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
SOURCE_KEY = "translation-of"
# Front-matter lines a translator writes in their language; every other one is copied.
PROSE_KEYS = {"title", "description", "short", "claim", "question", "covers",
              "legal_basis", "since"}
# What must be the same, each as many times, in the translation as in the English.
KEPT = {
    "citation": re.compile(r"\[@[a-z0-9-]+\]"),
    "widget": re.compile(r"^\[\[[a-z-]+\]\]$", re.MULTILINE),
    "link target": re.compile(r"\]\((?:step|glossary|page):[a-z0-9/-]+\)"),
    "anchor or class": re.compile(r"\{[#.][a-z0-9-]+\}"),
    "as-of marker": re.compile(r"\[as-of:[a-z0-9-]+\]"),
}


def blob_hash(path: Path) -> str:
    """The file's git blob hash, as `git hash-object` prints it."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def front_matter(text: str) -> tuple[dict[str, str], str]:
    head, _sep, body = text.partition("\n---\n")
    meta = {}
    for line in head.splitlines():
        key, _colon, value = line.partition(":")
        meta[key.strip()] = value.strip()
    return meta, body


def english_of(path: Path, root: Path = CONTENT_DIR) -> Path:
    relative = path.relative_to(root)
    return root / "en" / Path(*relative.parts[1:])


def problems(path: Path, root: Path = CONTENT_DIR) -> list[str]:
    """What keeps a translated page from standing in for its English file; [] if nothing.
    A page translated from an earlier English version is not a problem here (`stale`)."""
    english = english_of(path, root)
    where = str(path.relative_to(root))
    if not english.is_file():
        return [f"{where}: there is no English page {english.relative_to(root)} to translate."]
    meta, body = front_matter(path.read_text(encoding="utf-8"))
    source_meta, source_body = front_matter(english.read_text(encoding="utf-8"))
    found = []
    if not re.fullmatch(r"[0-9a-f]{40}", meta.get(SOURCE_KEY, "")):
        found.append(f"{where}: its front matter needs '{SOURCE_KEY}: <git hash-object of "
                     f"{english.relative_to(root)}>', the English version it translates.")
    keys = [k for k in meta if k != SOURCE_KEY]
    if keys != list(source_meta):
        found.append(f"{where}: front-matter lines {keys} differ from the English "
                     f"{list(source_meta)} (same lines, same order).")
    for key, value in source_meta.items():
        if key in PROSE_KEYS or key not in meta:
            if key in meta:
                kept = Counter(KEPT["citation"].findall(value)) + Counter(
                    KEPT["as-of marker"].findall(value))
                if kept != Counter(KEPT["citation"].findall(meta[key])) + Counter(
                        KEPT["as-of marker"].findall(meta[key])):
                    found.append(f"{where}: '{key}:' must cite the same sources and dates as "
                                 "the English.")
            continue
        if meta[key] != value:
            found.append(f"{where}: '{key}:' is not prose and must read as in English: "
                         f"{value!r}.")
    for what, pattern in KEPT.items():
        ours, theirs = Counter(pattern.findall(body)), Counter(pattern.findall(source_body))
        if ours != theirs:
            missing, extra = sorted((theirs - ours).elements()), sorted((ours - theirs).elements())
            found.append(f"{where}: each {what} must appear as in the English"
                         + (f"; missing {missing}" if missing else "")
                         + (f"; not in the English {extra}" if extra else "") + ".")
    if (KEPT["widget"].findall(body) != KEPT["widget"].findall(source_body)
            and not any("widget" in f for f in found)):
        found.append(f"{where}: the widgets must come in the English order.")
    return found


def stale(path: Path, root: Path = CONTENT_DIR) -> bool:
    """Whether the English has changed since this translation was made."""
    meta, _body = front_matter(path.read_text(encoding="utf-8"))
    return meta.get(SOURCE_KEY) != blob_hash(english_of(path, root))


def languages_of(name: str = "") -> list[str]:
    """The languages a page is really written in (hreflang and sitemap alternates): those
    with an interface catalogue, and for a page of text (`name`, as `content/<language>/
    <name>.md`), those with its translation. A page shown in English under /nl/ is not one:
    search engines treat it as a duplicate."""
    from django.conf import settings

    from explainer import content
    from explainer.context_processors import has_catalog
    codes = [code for code, _name in settings.LANGUAGES if has_catalog(code)]
    if name and not content.page_path(settings.LANGUAGE_CODE, name).is_file():
        return [settings.LANGUAGE_CODE]  # made from the data (a scheme an editor added)
    if name:
        codes = [code for code in codes if content.page_path(code, name).is_file()]
    return codes


def translated_pages(root: Path = CONTENT_DIR) -> list[Path]:
    return sorted(p for p in root.rglob("*.md") if p.relative_to(root).parts[0] != "en")


if __name__ == "__main__":  # python -m explainer.translations.pages [files]: check them
    import sys

    paths = [Path(a).resolve() for a in sys.argv[1:]] or translated_pages()
    issues = [p for path in paths for p in problems(path)]
    older = [f"{path.relative_to(CONTENT_DIR)}: translated from an earlier English version"
             for path in paths if path.is_file() and not problems(path) and stale(path)]
    print("\n".join(issues + older)
          or f"{len(paths)} translated pages: as the English requires.")
    sys.exit(1 if issues else 0)
