"""The simulation widget's state: read the query string, run the engine, shape the form.

Validation is the record's own (`Record.parse`), not a Django form: the record is a public
contract shared with the command line and the future API, and its messages name the
parameter exactly as it appears in the URL.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from systems import engine
from systems.models import Persona
from systems.outcome import Outcome
from systems.record import PARAMETERS_BY_NAME, Parameter, Record, RecordError

# Query names the widget owns besides the record's parameters.
WIDGET_PARAMS = frozenset({"persona", "sort", "order"})

GROUPS = (
    (_("Money and courts"), ("court_judgment", "loan_arrears", "late_bills")),
    (_("Life on the platform"), ("shopping", "profile", "assets", "contacts")),
    (_("On the street"), ("traffic_tickets", "drunk_driving", "jaywalking", "rude_to_strangers")),
    (_("Good deeds"), ("volunteering", "blood_donation", "heroic_deed", "commendation")),
    (_("Other records"), ("neglects_parents", "flight_disruption", "counterfeits")),
    (_("Where they live"), ("residence", "opted_in")),
)


@dataclass(frozen=True)
class Control:
    parameter: Parameter
    value: int | str
    error: str

    @property
    def name(self):
        return self.parameter.name


@dataclass(frozen=True)
class Group:
    title: str
    controls: tuple[Control, ...]
    open: bool  # shown unfolded: the first group, and any holding a change or an error


@dataclass(frozen=True)
class Simulation:
    record: Record
    outcome: Outcome
    errors: dict[str, str]
    groups: tuple[Group, ...]
    personas: tuple[Persona, ...]
    active_persona: Persona | None
    query: str  # the canonical query string of the record

    @property
    def status(self) -> int:
        return 400 if self.errors else 200


def read(data: QueryDict) -> Simulation:
    """Everything the widget shows for a query string; invalid values become messages."""
    personas = tuple(Persona.objects.all())
    errors: dict[str, str] = {}
    base = None
    persona_key = data.get("persona", "")
    if persona_key:
        base = next((p for p in personas if p.key == persona_key), None)
        if base is None:
            errors["persona"] = f"persona: there is no persona called {persona_key!r}."
        else:
            base = base.get_record()
    try:
        record = Record.parse(data, ignore=WIDGET_PARAMS, base=base)
    except RecordError as error:
        errors.update(error.errors)
        valid = {k: data.get(k) for k in data if k not in error.errors}
        record = Record.parse(valid, ignore=WIDGET_PARAMS, base=base)
    active = next((p for p in personas if p.get_record() == record), None)
    changed = record.changes()
    groups = tuple(
        Group(title, tuple(Control(PARAMETERS_BY_NAME[n], getattr(record, n), errors.get(n, ""))
                           for n in names),
              index == 0 or any(n in changed or n in errors for n in names))
        for index, (title, names) in enumerate(GROUPS))
    return Simulation(record, engine.evaluate(record), errors, groups, personas, active,
                      record.to_query())


def is_canonical(data: QueryDict, simulation: Simulation) -> bool:
    """Whether the query string already is the record's permalink (ignoring table sorting)."""
    own = QueryDict(mutable=True)
    for key, values in data.lists():
        if key not in {"sort", "order"}:
            own.setlist(key, values)
    return own.urlencode() == simulation.query


# Every parameter must sit in exactly one group of the form.
assert sorted(n for _t, names in GROUPS for n in names) == sorted(PARAMETERS_BY_NAME)
