"""The interface strings' catalogues (`locale/<language>/LC_MESSAGES/django.po`): checked,
and compiled to the `.mo` files Django reads with polib, so neither a fresh machine nor
the production image needs GNU gettext (only `makemessages` does, where strings are
extracted). `.mo` files are built, never committed."""

from __future__ import annotations

import re
from pathlib import Path

import polib
from django.conf import settings

# printf-style (%(name)s, %s, %d) and blocktranslate's {{ name }}-less placeholders, which
# Django writes as %(name)s too.
PLACEHOLDER = re.compile(r"%(?:\([a-z_0-9]+\))?[sdif]|%%")


def catalogues() -> list[Path]:
    return sorted(Path(root) / code / "LC_MESSAGES" / "django.po"
                  for root in settings.LOCALE_PATHS for code, _name in settings.LANGUAGES
                  if (Path(root) / code / "LC_MESSAGES" / "django.po").is_file())


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def problems(path: Path) -> list[str]:
    """What would show readers English, or a broken sentence, in this catalogue."""
    po = polib.pofile(str(path))
    where = f"{path.parent.parent.name}/{path.name}"
    found = [f"{where}: untranslated: {e.msgid!r}" for e in po.untranslated_entries()]
    found += [f"{where}: fuzzy (check it, then drop the flag): {e.msgid!r}"
              for e in po.fuzzy_entries()]
    found += [f"{where}: obsolete (no longer in the code): {e.msgid!r}"
              for e in po.obsolete_entries()]
    for entry in po.translated_entries():
        wanted = placeholders(entry.msgid)
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            # A plural's singular may say "one" instead of its number.
            if placeholders(text) != wanted and not (
                    entry.msgid_plural and set(placeholders(text)) <= set(
                        placeholders(entry.msgid_plural))):
                found.append(f"{where}: placeholders {placeholders(text)} differ from "
                             f"{wanted} in {entry.msgid!r}")
    return found


def compile_all() -> list[Path]:
    """Each catalogue's .mo beside it, rewritten when the .po is newer."""
    written = []
    for path in catalogues():
        mo = path.with_suffix(".mo")
        if not mo.is_file() or mo.stat().st_mtime_ns < path.stat().st_mtime_ns:
            polib.pofile(str(path)).save_as_mofile(str(mo))
            written.append(mo)
    return written
