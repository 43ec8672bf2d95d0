"""A person's record: the validated input every credit system is evaluated against.

This is a public contract: URLs, embeds and the API use these parameter names and
values. Add parameters when the facts call for them; never rename one.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django.utils.formats import get_format, number_format
from django.utils.functional import lazy
from django.utils.translation import get_language, ngettext_lazy, pgettext_lazy
from django.utils.translation import gettext_lazy as _

# Counts are plain ASCII digits: no signs, underscores, spaces or other scripts' digits
# (int() would read "1_0" and "١٠" as 10). Six digits is far beyond any maximum.
DIGITS = re.compile(r"[0-9]{1,6}")


def decimal(text: str) -> str:
    """A number written in code ("4.14", "+0.5") with the reader's decimal mark ("4,14" in
    Dutch and German). Readers' numbers only: addresses and data keep the point."""
    mark = get_format("DECIMAL_SEPARATOR")
    return text.replace(".", mark) if mark != "." else text


def number(value: float) -> str:
    """A score or threshold as the reader writes it: 1,030 in English, 1.030 in Dutch and
    German; 4.5 and 4,5."""
    value = int(value) if float(value).is_integer() else value
    return number_format(value, force_grouping=True)


def signed(value: float) -> str:
    """+30, −10, +0.5: a change with a true minus sign (one kind everywhere readers look),
    with the reader's decimal mark."""
    return decimal(f"{value:+g}").replace("-", "\u2212")


def shown(raw: Any) -> str:
    """A value a reader typed, quoted and cut short for a message."""
    text = str(raw)
    return repr(text if len(text) <= 24 else text[:24] + "…")


@dataclass(frozen=True)
class Parameter:
    """One part of the record: its name in URLs, and the words readers see for it.

    A choice parameter has `values`: for each value, (URL value, what a reader reads in
    the menu, the value described on its own: "Lives in Rongcheng"); or a function that
    returns them, for values that come from the data (`residence`: one place per points
    scheme). A count has a range and `counted`, an ngettext phrase for n units ("3 late
    bills"), and `unit`, what one unit is ("per late bill"). A flag is a count from 0 to 1
    with `yes`, the phrase for 1.
    """

    name: str
    label: Any
    help: Any
    default: int | str
    values: Any = ()  # for a choice parameter: a tuple of triples, or a function
    minimum: int = 0  # for a count parameter
    maximum: int = 0
    unit: Any = ""
    counted: Any = None
    yes: Any = ""

    @property
    def choice_values(self) -> tuple:
        return self.values() if callable(self.values) else self.values

    @property
    def choices(self) -> tuple[str, ...]:
        """The URL values."""
        return tuple(v[0] for v in self.choice_values)

    @property
    def options(self) -> tuple:
        """What a reader reads in the menu, value by value."""
        return tuple(v[1] for v in self.choice_values)

    @property
    def phrases(self) -> tuple:
        return tuple(v[2] for v in self.choice_values)

    @property
    def from_data(self) -> bool:
        return callable(self.values)

    @property
    def is_choice(self) -> bool:
        return bool(self.values)

    @property
    def is_flag(self) -> bool:
        return not self.values and self.minimum == 0 and self.maximum == 1

    def option_label(self, value) -> str:
        return str(self.options[self.choices.index(value)])

    def describe(self, value, language: str | None = None) -> str:
        """The value in plain words: "Refused to pay a court-ordered debt", "3 late bills"
        (`language`: the active one, when the caller has it at hand)."""
        if self.from_data:  # the words come from the edition being read: not kept
            return self._describe(value)
        return _described(self.name, value, language or get_language())

    def _describe(self, value) -> str:
        if self.is_choice:
            return str(self.phrases[self.choices.index(value)])
        if self.is_flag:
            return str(self.yes) if value else _("%(label)s: no") % {"label": self.label}
        return self.counted % {"n": value}

    def allowed(self) -> str:
        """What a valid value is, in words, for messages and help."""
        if self.is_choice:
            return _("one of %(values)s") % {"values": ", ".join(self.choices)}
        if self.is_flag:
            return _("0 (no) or 1 (yes)")
        return _("a whole number from %(min)s to %(max)s") % {
            "min": self.minimum, "max": self.maximum}

    def parse(self, raw: Any) -> int | str:
        """Turn one raw value into a valid value, or raise ValueError naming the parameter.

        The message names the parameter by the label readers see, and says what is
        allowed; it never echoes more than a short, quoted piece of the input.
        """
        text = str(raw).strip(" \t")
        if self.is_choice:
            if text not in self.choices:
                raise ValueError(_("%(label)s must be %(allowed)s, not %(given)s.") % {
                    "label": self.label, "allowed": self.allowed(), "given": shown(text)})
            return text
        if not DIGITS.fullmatch(text) or not self.minimum <= int(text) <= self.maximum:
            raise ValueError(_("%(label)s must be %(allowed)s, not %(given)s.") % {
                "label": self.label, "allowed": self.allowed(), "given": shown(text)})
        return int(text)


@lru_cache(maxsize=4096)
def _pair(name: str, value) -> str:
    """One parameter as a query string has it ("loan_arrears=3"), as urlencode writes it:
    every permalink is built from these few."""
    return urlencode({name: value})


@lru_cache(maxsize=4096)
def _parsed(name: str, raw: str) -> int | str:
    """A valid value, read once: the same few arrive in every query string (errors are
    not kept: their words follow the language). Not for values from the data."""
    return PARAMETERS_BY_NAME[name].parse(raw)


@lru_cache(maxsize=4096)
def _described(name: str, value, language: str | None) -> str:
    """Each value's words, translated once per language (every comparison asks again)."""
    return PARAMETERS_BY_NAME[name]._describe(value)


def _choice(name, label, help, default, choices):
    """`choices`: (URL value, menu label, phrase on its own) for each value, or a function
    that returns them."""
    return Parameter(name, label, help, default,
                     values=choices if callable(choices) else tuple(choices))


# Where `residence` finds the places the data knows: a function returning (value, place
# name) for each points scheme of the edition being read (systems.engine registers it).
_places_provider = [lambda: ()]


def places_from(provider) -> None:
    _places_provider[0] = provider


ELSEWHERE = "elsewhere"


def residences() -> tuple:
    """Every value of `residence`: elsewhere, then each place with a points scheme. The
    record contract grows as editors add schemes: values are added, never renamed."""
    return _residences(_places_provider[0]())


@lru_cache(maxsize=64)
def _residences(places: tuple[tuple[str, str], ...]) -> tuple:
    """Built once per edition's places (every record's `residence` is checked against
    them); the words stay lazy, so they follow the language when shown."""
    return ((ELSEWHERE, _("Elsewhere"), _("Lives elsewhere")),
            *((value, place, _lives_in(place)) for value, place in places))


_lives_in = lazy(lambda place: _("Lives in %(place)s") % {"place": place}, str)


def _count(name, label, help, maximum, counted, unit):
    return Parameter(name, label, help, 0, minimum=0, maximum=maximum, unit=unit,
                     counted=counted)


def _flag(name, label, help, yes):
    return Parameter(name, label, help, 0, minimum=0, maximum=1, yes=yes)


# One time frame for every count: the past year.
PARAMETERS: tuple[Parameter, ...] = (
    _choice("court_judgment", _("Court judgment against them"),
            _("A court ordered this person to pay or do something."), "none", [
                ("none", pgettext_lazy("court judgment", "None"), _("No court judgment")),
                ("paid", _("Carried it out"), _("Carried out a court judgment")),
                ("refused", _("Refused to pay"),
                 _("Refused to carry out a court judgment, though able to"))]),
    _count("loan_arrears", _("Loan arrears"),
           _("Months behind on a bank or platform loan in the past year."), 12,
           ngettext_lazy("%(n)d month behind on a loan", "%(n)d months behind on a loan",
                         "n"), _("month behind")),
    _count("late_bills", _("Late bills"),
           _("Utility or phone bills paid late in the past year."), 12,
           ngettext_lazy("%(n)d late bill", "%(n)d late bills", "n"), _("late bill")),
    _choice("shopping", _("Online shopping"),
            _("How much they buy on Taobao and Tmall."), "light", [
                ("none", pgettext_lazy("online shopping", "None"), _("No online shopping")),
                ("light", _("Some"), _("Some online shopping")),
                ("heavy", _("A lot"), _("A lot of online shopping"))]),
    _choice("profile", _("App profile"),
            _("Whether they filled in identity details in the payment app."), "bare", [
                ("bare", _("Bare"), _("Bare app profile")),
                ("complete", _("Complete"), _("Complete app profile"))]),
    _choice("assets", _("Registered assets"),
            _("A car or home they declared to the payment app."), "none", [
                ("none", pgettext_lazy("declared assets", "None"), _("No declared assets")),
                ("car", _("A car"), _("Declared a car")),
                ("home", _("A home"), _("Declared a home"))]),
    _choice("contacts", _("Contacts' standing"),
            _("How creditworthy the people in their payment network are."), "average", [
                ("low", _("Low"), _("Contacts with low standing")),
                ("average", _("Average"), _("Contacts with average standing")),
                ("high", _("High"), _("Contacts with high standing"))]),
    _count("traffic_tickets", _("Traffic tickets"), _("Traffic fines in the past year."), 10,
           ngettext_lazy("%(n)d traffic ticket", "%(n)d traffic tickets", "n"),
           _("ticket")),
    _flag("drunk_driving", _("Drunk driving"), _("Convicted of drunk driving."),
          _("Convicted of drunk driving")),
    _count("jaywalking", _("Jaywalking"),
           _("Times a camera caught them crossing on red in the past year."), 20,
           ngettext_lazy("Crossed on red %(n)d time", "Crossed on red %(n)d times", "n"),
           _("time")),
    _count("volunteering", _("Volunteering"),
           _("Hours of registered volunteer work in the past year."), 50,
           ngettext_lazy("%(n)d hour of volunteering", "%(n)d hours of volunteering", "n"),
           _("hour")),
    _count("blood_donation", _("Blood donation"), _("Blood donations in the past year."), 5,
           ngettext_lazy("%(n)d blood donation", "%(n)d blood donations", "n"),
           _("donation")),
    _flag("heroic_deed", _("Heroic deed"),
          _("Officially recognised for a brave act, such as saving someone."),
          _("Recognised for a brave act")),
    _flag("commendation", _("National commendation"),
          _("Received a commendation at national level."), _("Commended at national level")),
    _flag("neglects_parents", _("Neglects parents"),
          _("Found to fail in supporting elderly parents."), _("Neglects elderly parents")),
    _flag("flight_disruption", _("Disrupted a flight"),
          _("Caused a serious disturbance on a plane or at an airport."),
          _("Disrupted a flight")),
    _flag("counterfeits", _("Made counterfeit goods"), _("Found to have made fake goods."),
          _("Made counterfeit goods")),
    _count("rude_to_strangers", _("Rude to strangers"),
           _("Times they were rude to a shop assistant, driver or vendor in the past year."),
           10, ngettext_lazy("Rude to strangers %(n)d time", "Rude to strangers %(n)d times",
                             "n"), _("time")),
    # Added for the pilots: a local scheme only covers its own residents, and Rongcheng and
    # Hangzhou score only people who opt in (China Law Translate, "The Rongcheng Experience";
    # the Qianjiang Score's launch reports).
    _choice("residence", _("Lives in"), _("Local pilots only cover their own residents."),
            ELSEWHERE, residences),
    _flag("opted_in", _("Opted in to local scoring"),
          _("Some city schemes (Rongcheng's, Hangzhou's) score only residents who consent."),
          _("Opted in to local scoring")),
)

PARAMETERS_BY_NAME: dict[str, Parameter] = {p.name: p for p in PARAMETERS}
PARAMETER_NAMES: tuple[str, ...] = tuple(PARAMETERS_BY_NAME)


class RecordError(ValueError):
    """Raised with every invalid parameter at once: {name: message}."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(" ".join(errors.values()))


@dataclass(frozen=True, slots=True)
class Record:
    court_judgment: str = "none"
    loan_arrears: int = 0
    late_bills: int = 0
    shopping: str = "light"
    profile: str = "bare"
    assets: str = "none"
    contacts: str = "average"
    traffic_tickets: int = 0
    drunk_driving: int = 0
    jaywalking: int = 0
    volunteering: int = 0
    blood_donation: int = 0
    heroic_deed: int = 0
    commendation: int = 0
    neglects_parents: int = 0
    flight_disruption: int = 0
    counterfeits: int = 0
    rude_to_strangers: int = 0
    residence: str = "elsewhere"
    opted_in: int = 0

    @classmethod
    def parse(cls, data: Mapping[str, Any], ignore: frozenset[str] | set[str] = frozenset(),
              base: Record | None = None) -> Record:
        """Build a record from raw key/value pairs (a dict or a QueryDict).

        Unknown names and invalid values raise RecordError naming each parameter; nothing is
        clamped or dropped silently. An empty value means "use the default" (an untouched
        form field). Names in `ignore` belong to the caller (e.g. `persona`). Values start
        from `base` (a persona's record) when given.
        """
        errors: dict[str, str] = {}
        values: dict[str, int | str] = {}
        getlist = getattr(data, "getlist", None)
        for name in data:
            if name in ignore:
                continue
            parameter = PARAMETERS_BY_NAME.get(name)
            if parameter is None:
                errors[name] = str(_("There is no setting called %(name)s.") % {
                    "name": shown(name)})
                continue
            raws = getlist(name) if getlist else [data[name]]
            if len(raws) > 1:
                errors[name] = str(_("%(label)s is given %(n)d times; give it once.") % {
                    "label": parameter.label, "n": len(raws)})
                continue
            raw = raws[0]
            if raw is None or str(raw).strip() == "":
                continue
            try:
                values[name] = (parameter.parse(raw) if parameter.from_data
                                or not isinstance(raw, str) else _parsed(name, raw))
            except ValueError as error:
                errors[name] = str(error)
        if errors:
            raise RecordError(errors)
        start = base or cls()
        return start.replace(**values) if values else start

    def replace(self, **changes) -> Record:
        data = self.as_dict()
        data.update(changes)
        return Record(**data)

    def as_dict(self) -> dict[str, int | str]:
        return {name: getattr(self, name) for name in PARAMETER_NAMES}

    def changes(self) -> dict[str, int | str]:
        """The parameters that differ from the defaults: what a permalink needs."""
        return {p.name: getattr(self, p.name) for p in PARAMETERS
                if getattr(self, p.name) != p.default}

    def to_query(self) -> str:
        return "&".join(_pair(name, value) for name, value in self.changes().items())

    @classmethod
    def random(cls, rng: random.Random) -> Record:
        values = {}
        for p in PARAMETERS:
            values[p.name] = (rng.choice(p.choices) if p.is_choice
                              else rng.randint(p.minimum, p.maximum))
        return cls(**values)


# The dataclass and the parameter list must describe the same fields, in the same order.
assert tuple(f.name for f in fields(Record)) == PARAMETER_NAMES
assert all(Record.__dataclass_fields__[p.name].default == p.default for p in PARAMETERS)
