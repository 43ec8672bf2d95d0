"""A person's record: the validated input every credit system is evaluated against.

This is a public contract: URLs, embeds and the API use these parameter names and
values. Add parameters when the facts call for them; never rename one.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Parameter:
    name: str
    label: Any
    help: Any
    default: int | str
    choices: tuple[str, ...] = ()  # for a choice parameter
    minimum: int = 0  # for a count parameter
    maximum: int = 0
    unit: Any = ""

    @property
    def is_choice(self) -> bool:
        return bool(self.choices)

    @property
    def is_flag(self) -> bool:
        return not self.choices and self.minimum == 0 and self.maximum == 1

    def parse(self, raw: Any) -> int | str:
        """Turn one raw value into a valid value, or raise ValueError naming the parameter."""
        text = str(raw).strip()
        if self.is_choice:
            if text not in self.choices:
                allowed = ", ".join(self.choices)
                raise ValueError(f"{self.name}: {text!r} is not one of {allowed}.")
            return text
        try:
            value = int(text)
        except ValueError:
            raise ValueError(f"{self.name}: {text!r} is not a whole number.") from None
        if not self.minimum <= value <= self.maximum:
            raise ValueError(
                f"{self.name}: {value} is outside the allowed range "
                f"{self.minimum} to {self.maximum}."
            )
        return value


def _choice(name, label, help, default, choices):
    return Parameter(name, label, help, default, choices=tuple(choices))


def _count(name, label, help, maximum, default=0, unit=""):
    return Parameter(name, label, help, default, minimum=0, maximum=maximum, unit=unit)


PARAMETERS: tuple[Parameter, ...] = (
    _choice("court_judgment", _("Court judgment against them"),
            _("A court ordered this person to pay a debt."), "none", ["none", "paid", "refused"]),
    _count("loan_arrears", _("Loan arrears"),
           _("Months behind on a bank or platform loan."), 12, unit=_("months")),
    _count("late_bills", _("Late bills"),
           _("Utility or phone bills paid late in the past year."), 12),
    _choice("shopping", _("Online shopping"),
            _("How much they buy on Taobao and Tmall."), "light", ["none", "light", "heavy"]),
    _choice("profile", _("App profile"),
            _("Whether they filled in identity details in the payment app."),
            "bare", ["bare", "complete"]),
    _choice("assets", _("Registered assets"),
            _("A car or home they declared to the payment app."), "none", ["none", "car", "home"]),
    _choice("contacts", _("Contacts' standing"),
            _("How creditworthy the people in their payment network are."),
            "average", ["low", "average", "high"]),
    _count("traffic_tickets", _("Traffic tickets"), _("Traffic fines this year."), 10),
    _count("drunk_driving", _("Drunk driving"), _("Convicted of drunk driving."), 1),
    _count("jaywalking", _("Jaywalking"),
           _("Times caught crossing on red by a camera."), 20, unit=_("times")),
    _count("volunteering", _("Volunteering"),
           _("Hours of registered volunteer work this year."), 50, unit=_("hours")),
    _count("blood_donation", _("Blood donation"), _("Blood donations this year."), 5),
    _count("heroic_deed", _("Heroic deed"),
           _("Officially recognised for a brave act (见义勇为)."), 1),
    _count("commendation", _("National commendation"),
           _("Received a commendation at national level."), 1),
    _count("neglects_parents", _("Neglects parents"),
           _("Found to fail in supporting elderly parents."), 1),
    _count("flight_disruption", _("Disrupted a flight"),
           _("Caused a disturbance on a plane or at an airport."), 1),
    _count("counterfeits", _("Made counterfeit goods"),
           _("Found to have made fake goods."), 1),
    _count("rude_to_strangers", _("Rude to strangers"),
           _("Times they were rude to a shop assistant, driver or vendor today."), 10,
           unit=_("times")),
    # Added for the pilots: a local scheme only covers its own residents, and Rongcheng
    # now scores only people who opt in (China Law Translate, "The Rongcheng Experience").
    _choice("residence", _("Lives in"),
            _("Local pilots only cover their own residents."),
            "elsewhere", ["elsewhere", "rongcheng", "suining"]),
    _count("opted_in", _("Opted in to local scoring"),
           _("Rongcheng now scores only residents who consent."), 1),
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
                errors[name] = f"{name}: unknown parameter."
                continue
            raws = getlist(name) if getlist else [data[name]]
            if len(raws) > 1:
                errors[name] = f"{name}: given {len(raws)} times; give it once."
                continue
            raw = raws[0]
            if raw is None or str(raw).strip() == "":
                continue
            try:
                values[name] = parameter.parse(raw)
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
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def changes(self) -> dict[str, int | str]:
        """The parameters that differ from the defaults: what a permalink needs."""
        return {p.name: getattr(self, p.name) for p in PARAMETERS
                if getattr(self, p.name) != p.default}

    def to_query(self) -> str:
        return urlencode(self.changes())

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
