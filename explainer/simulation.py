"""The simulation widget's state: read the query string, run the engine, shape the form.

Validation is the record's own (`Record.parse`), not a Django form: the record is a public
contract shared with the command line and the future API, and its messages name the
parameter exactly as it appears in the URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from urllib.parse import urlencode

from django.db.models import Max
from django.db.models.signals import post_delete, post_save
from django.http import QueryDict
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from systems import engine
from systems.models import Persona
from systems.outcome import Outcome
from systems.record import DIGITS, PARAMETERS_BY_NAME, Parameter, Record, RecordError, shown
from systems.releases import editions
from systems.releases.models import Release

# Query names the widget owns besides the record's parameters: the persona to start from,
# the persona an edited record came from, and the pilot table's sort order.
WIDGET_PARAMS = frozenset({"persona", "from", "rules", "sort", "order"})

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

    @property
    def options(self) -> list[tuple[str, str]]:
        return [(choice, self.parameter.option_label(choice))
                for choice in self.parameter.choices]


@dataclass(frozen=True)
class Group:
    title: str
    controls: tuple[Control, ...]
    open: bool  # shown unfolded: the first group, and any holding a change or an error

    @property
    def has_error(self) -> bool:
        return any(control.error for control in self.controls)


@dataclass(frozen=True)
class Simulation:
    record: Record
    outcome: Outcome
    errors: dict[str, str]
    personas: tuple[Persona, ...]
    active_persona: Persona | None
    edited_from: Persona | None  # the persona this record was edited from, if any
    query: str  # the canonical query string: the record, the pinned release, `from`
    release: Release | None = None  # verdicts computed with this release's rules

    @property
    def status(self) -> int:
        return 400 if self.errors else 200

    @property
    def groups(self) -> tuple[Group, ...]:
        """The form's groups of controls (built only when the form is rendered)."""
        changed = self.record.changes()
        return tuple(
            Group(title, tuple(Control(PARAMETERS_BY_NAME[n], getattr(self.record, n),
                                       self.errors.get(n, "")) for n in names),
                  index == 0 or any(n in changed or n in self.errors for n in names))
            for index, (title, names) in enumerate(GROUPS))

    @cached_property
    def changes(self) -> list[tuple[str, str]]:
        """(parameter, plain words) for every value that differs from the defaults."""
        language = get_language()
        return [(name, PARAMETERS_BY_NAME[name].describe(value, language))
                for name, value in self.record.changes().items()]

    @cached_property
    def in_words(self) -> str:
        """Those words in a row ("3 late bills; Lives in Rongcheng"), as the printed record
        and the builder say it; "" for the default record."""
        return "; ".join(phrase for _name, phrase in self.changes)


def read(data: QueryDict, own: frozenset[str] = frozenset()) -> Simulation:
    """Everything the widget shows for a query string; invalid values become messages.

    `own` names further query parameters the caller reads itself (an embed's options).
    """
    personas, records = people(editions.token())
    by_key = {p.key: p for p in personas}
    errors: dict[str, str] = {}
    for name in sorted(WIDGET_PARAMS & set(data)):
        if len(data.getlist(name)) > 1:
            errors[name] = gettext("%(name)s is given %(n)d times; give it once.") % {
                "name": name, "n": len(data.getlist(name))}
    base = None
    persona_key = data.get("persona", "")
    if persona_key and "persona" not in errors:
        if persona_key in by_key:
            base = by_key[persona_key].get_record()
        else:
            errors["persona"] = gettext("There is no persona called %(key)s.") % {
                "key": shown(persona_key)}
    release, release_error = read_release(data.get("rules", "") if "rules" not in errors
                                          else "")
    if release_error:
        errors["rules"] = release_error
    from_key = data.get("from", "") if "from" not in errors else ""
    if from_key and from_key not in by_key:
        errors["from"] = gettext("There is no persona called %(key)s.") % {"key": shown(from_key)}
    # A pinned release knows its own places (the values `residence` takes).
    with editions.using(engine.of(release)):
        try:
            record = Record.parse(data, ignore=WIDGET_PARAMS | own, base=base)
        except RecordError as error:
            errors.update(error.errors)
            valid = {k: data.get(k) for k in data if k not in error.errors}
            record = Record.parse(valid, ignore=WIDGET_PARAMS | own, base=base)
    active = next((p for p, r in zip(personas, records, strict=True) if r == record), None)
    edited_from = None
    if active is None:
        edited_from = by_key.get(persona_key) or by_key.get(from_key)
    extra = {}
    if release is not None:
        extra["rules"] = release.number
    if edited_from is not None:
        extra["from"] = edited_from.key
    query = "&".join(q for q in (record.to_query(), urlencode(extra)) if q)
    return Simulation(record, engine.evaluate(record, release), errors, personas, active,
                      edited_from, query, release)


@lru_cache(maxsize=4)
def people(edition) -> tuple[tuple[Persona, ...], tuple[Record, ...]]:
    """The personas and their records, read once per edition."""
    personas = tuple(engine.rows().all(Persona))
    return personas, tuple(p.get_record() for p in personas)


def read_release(raw: str) -> tuple[Release | None, str]:
    """The release `rules=<number>` pins, or a message saying why it cannot."""
    if not raw:
        return None, ""
    release = Release.objects.published().filter(number=int(raw)).first() \
        if DIGITS.fullmatch(raw) else None
    if release is not None:
        return release, ""
    latest = Release.objects.published().aggregate(n=Max("number"))["n"]
    return None, gettext("There is no release %(given)s; releases are numbered 1 to "
                         "%(latest)s.") % {"given": shown(raw), "latest": latest or 0}


# What a chapter's address may carry besides the record, kept by its permalink: the pilot
# table's order; a lesson's "predict first" and class code (explainer/lessons/); and the
# embed options a chapter honours, so that a widget's "Open the full explainer" and the
# chapter's "Embed this" carry one state (explainer/embeds/options.py).
CHAPTER_OPTIONS = frozenset({"reveal", "class", "systems", "theme", "layout"})
KEPT = ("sort", "order", *sorted(CHAPTER_OPTIONS))


def is_canonical(data: QueryDict, simulation: Simulation) -> bool:
    """Whether the query string already is the record's permalink (ignoring what `KEPT`
    names)."""
    pairs = [(key, value) for key, values in data.lists() if key not in KEPT
             for value in values]
    if len(pairs) != (simulation.query.count("&") + 1 if simulation.query else 0):
        return False  # the form sends every control, defaults too: no need to write it out
    return urlencode(pairs) == simulation.query


# Every parameter must sit in exactly one group of the form.
assert sorted(n for _t, names in GROUPS for n in names) == sorted(PARAMETERS_BY_NAME)


def _forget_people(**kwargs):
    people.cache_clear()


post_save.connect(_forget_people, sender=Persona, dispatch_uid="simulation-people")
post_delete.connect(_forget_people, sender=Persona, dispatch_uid="simulation-people-d")
