"""What an embed's URL may say besides the record: which systems, language, theme, layout,
chrome, and whether readers predict first.

Every value is checked; a bad one becomes a message and a 400, shown inside the embed.
`DEFINITIONS` describes each option once, for readers: the builder and the teacher pages
print it as a table, so what they say is what `read` accepts.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from explainer.lessons.models import code_is_well_formed
from explainer.lessons.predict import bad_code
from systems import engine
from systems.record import shown
from systems.translated import languages

THEMES = ("auto", "light", "dark")
LAYOUTS = ("compact", "full")
REVEALS = ("now", "after")


@dataclass(frozen=True)
class Definition:
    """One option as readers see it documented."""

    name: str
    values: str
    default: str
    what: str


DEFINITIONS = (
    Definition("systems", _lazy("keys, comma-separated"), _lazy("every system"),
               _lazy("Which systems to show, in this order, e.g. sesame,blacklists.")),
    Definition("lang", ", ".join(languages()),
               settings.LANGUAGE_CODE, _lazy("The language of the widget's controls.")),
    Definition("theme", ", ".join(THEMES), "auto",
               _lazy("Colours: follow the reader's setting, or always light or dark.")),
    Definition("layout", ", ".join(LAYOUTS), "compact",
               _lazy("compact: the verdicts first, the record's settings and each system's "
                     "detail folded, to fit a blog column; full: everything open, as on "
                     "the chapter.")),
    Definition("reveal", ", ".join(REVEALS), "now",
               _lazy("after: readers first guess what each system concludes, then see the "
                     "real verdicts beside their guesses.")),
    Definition("plain", "0, 1", "0", _lazy("1: no title, no source line.")),
    Definition("persona", _lazy("a persona's key"), _lazy("none"),
               _lazy("Start from one of the explainer's people.")),
)
OPTIONS = frozenset({"systems", "lang", "theme", "plain", "layout", "reveal", "class"})


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
    layout: str = "compact"
    reveal: str = "now"
    class_code: str = ""  # a class poll's code (explainer/lessons/): guesses are counted

    @property
    def compact(self) -> bool:
        return self.layout == "compact"

    @property
    def predict_first(self) -> bool:
        return self.reveal == "after"

    def query(self) -> str:
        """These options as they appear in a URL, leaving out defaults."""
        values = {}
        if self.systems:
            values["systems"] = ",".join(self.systems)
        if self.lang != settings.LANGUAGE_CODE:
            values["lang"] = self.lang
        if self.theme != "auto":
            values["theme"] = self.theme
        if self.layout != "compact":
            values["layout"] = self.layout
        if self.reveal != "now":
            values["reveal"] = self.reveal
        if self.class_code:
            values["class"] = self.class_code
        if self.plain:
            values["plain"] = "1"
        return urlencode(values)

    @property
    def shared_query(self) -> str:
        """These options as another page may carry them: without a class's code."""
        return replace(self, class_code="").query()

    @property
    def but_full_query(self) -> str:
        """These options with the full layout (where the record's settings are open)."""
        return replace(self, layout="full").query()

    @property
    def chapter_query(self) -> str:
        """What the chapter a widget opens carries of these options (its systems, theme and
        layout; the language is the chapter's prefix, predicting first stays in the widget)."""
        return replace(self, lang=settings.LANGUAGE_CODE, plain=False, reveal="now",
                       class_code="").query()

    @property
    def answers_query(self) -> str:
        """These options without "predict first": the address that shows the verdicts."""
        return replace(self, reveal="now", class_code="").query()

    def but(self, **changes) -> Options:
        """The same options with some changed (the builder's outputs, a host's theme)."""
        return replace(self, **changes)

    @property
    def hidden(self) -> list[tuple[str, str]]:
        """Hidden form fields that keep the options through a control change."""
        return list(QueryDict(self.query()).items())


def one_of(data: QueryDict, name: str, values, default: str, errors: dict) -> str:
    """The option's value if it is one of `values`; else the default, and a message. A
    value given twice is an error already: the default stands (which of the two?)."""
    if name in errors:
        return default
    value = data.get(name, default)
    if value in values:
        return value
    errors.setdefault(name, _("%(name)s must be one of %(values)s, not %(given)s.") % {
        "name": name, "values": ", ".join(values), "given": shown(value)})
    return default


def read(data: QueryDict) -> Options:
    errors: dict[str, str] = {}
    for name in OPTIONS & set(data):
        if len(data.getlist(name)) > 1:
            errors[name] = _("%(name)s is given %(n)d times; give it once.") % {
                "name": name, "n": len(data.getlist(name))}
    lang = one_of(data, "lang", languages(), settings.LANGUAGE_CODE, errors)
    theme = one_of(data, "theme", THEMES, "auto", errors)
    layout = one_of(data, "layout", LAYOUTS, "compact", errors)
    reveal = one_of(data, "reveal", REVEALS, "now", errors)
    class_code = data.get("class", "").strip().upper()
    if class_code and not code_is_well_formed(class_code):
        errors.setdefault("class", bad_code())
        class_code = ""
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
    return Options(lang, theme, plain == "1", systems, errors, layout, reveal, class_code)
