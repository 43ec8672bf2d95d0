"""What an embed's URL may say besides the record: which systems, language, theme, chrome.

Every value is checked; a bad one becomes a message and a 400, shown inside the embed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext as _

from systems import engine
from systems.record import shown

OPTIONS = frozenset({"systems", "lang", "theme", "plain"})
THEMES = ("auto", "light", "dark")


@dataclass(frozen=True)
class Embed:
    """One kind of embed: what it shows and which chapter it comes from."""

    key: str
    title: str
    chapter: str  # the chapter the "full explainer" link opens
    height: int  # default iframe height (CSS px): the top of the widget, the rest scrolls
    widget: str  # the chapter partial it shows
    takes_record: bool = True


@dataclass(frozen=True)
class Options:
    lang: str = settings.LANGUAGE_CODE
    theme: str = "auto"
    plain: bool = False
    systems: tuple[str, ...] = ()  # empty: every system, in the usual order
    errors: dict[str, str] = field(default_factory=dict)

    def query(self) -> str:
        """These options as they appear in a URL, leaving out defaults."""
        values = {}
        if self.systems:
            values["systems"] = ",".join(self.systems)
        if self.lang != settings.LANGUAGE_CODE:
            values["lang"] = self.lang
        if self.theme != "auto":
            values["theme"] = self.theme
        if self.plain:
            values["plain"] = "1"
        return urlencode(values)

    @property
    def hidden(self) -> list[tuple[str, str]]:
        """Hidden form fields that keep the options through a control change."""
        return list(QueryDict(self.query()).items())


def read(data: QueryDict) -> Options:
    errors: dict[str, str] = {}
    for name in OPTIONS & set(data):
        if len(data.getlist(name)) > 1:
            errors[name] = _("%(name)s is given %(n)d times; give it once.") % {
                "name": name, "n": len(data.getlist(name))}
    languages = [code for code, _name in settings.LANGUAGES]
    lang = data.get("lang", settings.LANGUAGE_CODE)
    if lang not in languages:
        errors.setdefault("lang", _("lang must be one of %(codes)s, not %(given)s.") % {
            "codes": ", ".join(languages), "given": shown(lang)})
        lang = settings.LANGUAGE_CODE
    theme = data.get("theme", "auto")
    if theme not in THEMES:
        errors.setdefault("theme", _("theme must be one of %(themes)s, not %(given)s.") % {
            "themes": ", ".join(THEMES), "given": shown(theme)})
        theme = "auto"
    plain = data.get("plain", "0")
    if plain not in ("0", "1"):
        errors.setdefault("plain", _("plain must be 0 or 1, not %(given)s.") % {
            "given": shown(plain)})
        plain = "0"
    keys = [system.key for system in engine.systems()]
    systems: tuple[str, ...] = ()
    if "systems" in data:
        chosen = [key.strip() for key in data.get("systems", "").split(",")]
        if not all(chosen) or len(set(chosen)) != len(chosen) or set(chosen) - set(keys):
            errors.setdefault("systems", _(
                "systems must list one or more of %(keys)s, separated by commas, each "
                "once; not %(given)s.") % {"keys": ", ".join(keys),
                                           "given": shown(data.get("systems", ""))})
        else:
            systems = tuple(chosen)
    return Options(lang, theme, plain == "1", systems, errors)
