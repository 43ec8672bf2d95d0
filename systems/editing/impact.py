"""What a change would do to what readers see, before anyone commits it.

`compare(before, after)` runs the default record and every persona through every system
of two editions of the data and lists, per record and system, everything a reader would
see change: the headline (with the score's difference), the band or grade, whether the
system applies, the list status, and every perk, sanction and consequence gained or lost.
When a changed rule reads a part of the record no persona has, the comparison says so and
adds an example record that has it. `rehearse(apply)` makes a change inside a transaction,
compares, checks the rules as a set, and rolls everything back (the change, its history,
the data version): the editor sees the difference and decides. Publishing a release uses
`compare` too, between the release readers see and the draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from systems import engine
from systems.models import ParameterRule, Persona
from systems.record import PARAMETERS_BY_NAME, Record, signed
from systems.rows import Rows

DEFAULT = ("@default", gettext_lazy("Your own record (the default)"))


@dataclass(frozen=True)
class Reading:
    """One system's answer for one record, as a reader sees it."""

    headline: str
    band: str
    applies: bool
    value: float | None
    effects: frozenset[tuple[str, str, str]]  # (kind, label, detail)

    @property
    def shown(self) -> str:
        band = f" · {self.band}" if self.band and self.band not in self.headline else ""
        return self.headline + band + ("" if self.applies else _(" (does not apply)"))


@dataclass(frozen=True)
class Change:
    # The record: a persona's primary key (what an edit never changes: not its name, not
    # even its key), or "@default" or "@example-...".
    record: int | str
    persona: str  # its name, as the edition after the change has it
    system: str
    before: Reading
    after: Reading

    @property
    def differences(self) -> list[str]:
        """Each thing a reader would see change, in words."""
        a, b = self.before, self.after
        found = []
        if a.headline != b.headline:
            delta = ""
            if a.value is not None and b.value is not None and a.value != b.value:
                delta = f" ({signed(round(b.value - a.value, 2))})"
            found.append(f"{a.headline} → {b.headline}{delta}")
        if a.band != b.band:
            found.append(_("%(what)s: %(old)s → %(new)s") % {
                "what": _("band"), "old": a.band or "—", "new": b.band or "—"})
        if a.applies != b.applies:
            found.append(_("now applies") if b.applies else _("no longer applies"))
        kinds = {"perk": _("perk"), "sanction": _("sanction"),
                 "consequence": _("consequence")}  # an effect's kind, in words
        for kind, label, detail in sorted(b.effects - a.effects):
            found.append(_("gains %(kind)s: %(label)s") % {
                "kind": kinds.get(kind, kind),
                "label": label + (f" ({detail})" if detail else "")})
        for kind, label, detail in sorted(a.effects - b.effects):
            found.append(_("loses %(kind)s: %(label)s") % {
                "kind": kinds.get(kind, kind),
                "label": label + (f" ({detail})" if detail else "")})
        return found


@dataclass(frozen=True)
class Impact:
    changes: tuple[Change, ...]
    checked: int  # how many record × system answers were compared
    problems: tuple[str, ...] = ()  # what `manage.py check` would say after the change...
    existing: tuple[str, ...] = ()  # ...of which these were there before it
    unread: tuple[str, ...] = ()  # changed rules no persona reads, and the example used
    examples: tuple[tuple[str, str], ...] = field(default=())  # (name, query) added

    @property
    def unchanged(self) -> int:
        return self.checked - len(self.changes)

    @property
    def caused(self) -> tuple[str, ...]:
        """The problems this change would cause (not those already there)."""
        return tuple(p for p in self.problems if p not in self.existing)


def people(rows: Rows) -> list[tuple[int | str, str, Record]]:
    """(key, name, record): the default record, then every persona of these rows, keyed
    by primary key, so a renamed persona is still the same one before and after."""
    found: list[tuple[int | str, str, Record]] = [(DEFAULT[0], str(DEFAULT[1]), Record())]
    for persona in rows.all(Persona):
        try:
            found.append((persona.pk, persona.name, persona.get_record()))
        except ValueError:  # a persona the edition cannot read: `check` reports it
            continue
    return found


def readings(rows: Rows, records) -> dict[tuple[int | str, str], Reading]:
    """(record key, system key) → its Reading, computed from these rows."""
    loaded = engine.load_edition(rows)
    found = {}
    for key, _name, record in records:
        for system, rules, sees, cannot_see in loaded.snapshot:
            result = system.evaluate(record, rules, sees, cannot_see)
            verdict = result.verdict
            found[(key, system.key)] = Reading(
                verdict.headline, verdict.band, result.applies, verdict.value,
                frozenset((e.kind, e.label, e.detail) for e in result.effects))
    return found


def unread_rules(before: Rows, after: Rows, records) -> tuple[list[str], list]:
    """Changed rules that no record compared fires, each with an example record that
    does: (what to tell the editor, the example records to add)."""
    from systems.pilots.models import Scheme
    from systems.releases.changes import diff
    notes, examples = [], []
    schemes = {s.system: s for s in after.all(Scheme)}
    for change in diff(before, after).changes:
        if change.action == "removed":
            continue
        model = model_of(change.model)
        if not issubclass(model, ParameterRule):
            continue  # only a rule fires on a part of the record
        row = next((r for r in after.all(model) if r.key == change.key), None)
        parameter = PARAMETERS_BY_NAME.get(getattr(row, "parameter", ""))
        if parameter is None:
            continue
        fires = parameter.parse(row.value) if row.value else None
        if any((getattr(r, parameter.name) == fires) if fires is not None
               else getattr(r, parameter.name) > 0 for _k, _n, r in records):
            continue
        values = {parameter.name: fires if fires is not None
                  else min(3, parameter.maximum)}
        scheme = next((schemes[s] for s in change.systems if s in schemes), None)
        if scheme is not None:
            values["residence"] = scheme.residence
            if scheme.requires_consent:
                values["opted_in"] = 1
        example = Record().replace(**values)
        words = ", ".join(PARAMETERS_BY_NAME[n].describe(v) for n, v in example.changes().items())
        key = f"@example-{change.key}"
        if all(k != key for k, _n, _r in examples):
            examples.append((key, _("Example: %(record)s") % {"record": words}, example))
            notes.append(_("No persona has %(what)s (%(name)s), which '%(rule)s' reads; the "
                           "comparison adds an example record that has it.") % {
                "what": parameter.label, "name": parameter.name, "rule": change.key})
    return notes, examples


def model_of(label: str):
    from django.apps import apps
    return apps.get_model(label)


def compare(before: Rows, after: Rows, problems: tuple[str, ...] = (),
            existing: tuple[str, ...] = ()) -> Impact:
    """What readers would see change from the `before` rows to the `after` rows."""
    records = people(after)
    known = {key for key, _n, _r in people(before)}
    records = [r for r in records if r[0] in known]  # a persona added or removed: no "before"
    notes, examples = unread_rules(before, after, records)
    records += examples
    old, new = readings(before, records), readings(after, records)
    names = {key: name for key, name, _r in records}
    systems = {s.key: str(s.name) for s in engine.load_edition(after).systems}
    changes = tuple(Change(key, names[key], systems.get(system, system), old[(key, system)],
                           new[(key, system)])
                    for key, system in new if (key, system) in old
                    and old[(key, system)] != new[(key, system)])
    return Impact(changes, len(new), problems, existing, tuple(notes),
                  tuple((name, record.to_query()) for _k, name, record in examples))


class Rehearsal(Exception):
    """Raised to roll the rehearsed change back."""


class Refusal(Exception):
    """Raised to roll back a change that would leave the rules inconsistent."""

    def __init__(self, impact: Impact):
        self.impact = impact


def everything(rows: Rows) -> Rows:
    from systems.releases.models import data_models
    return rows.load_all(data_models())


def rehearse(apply):
    """(what `apply` returned, Impact), with nothing saved. `Impact.problems` lists what
    `manage.py check` would say of the rules after the change; `existing`, which of those
    were there before it."""
    from systems.checks import all_problems
    before = everything(Rows())
    existing = tuple(all_problems(before))
    result, impact = None, None
    try:
        with transaction.atomic():
            result = apply()
            after = everything(Rows())
            problems = tuple(all_problems(after))
            impact = compare(before, after, problems,
                             tuple(p for p in problems if p in existing))
            raise Rehearsal
    except Rehearsal:
        pass
    finally:
        engine.clear_cache()
    return result, impact or Impact((), 0)


def checked(apply, keep=lambda result: True):
    """Make the change for real, checked as a set inside its own transaction: (what
    `apply` returned, None), or, when the rules would not hold together, the change rolled
    back and (None, an Impact naming the problems, those already there apart). `keep(result)`
    says whether `apply` did save (an admin view that shows its form again did not)."""
    from systems.checks import all_problems
    try:
        with transaction.atomic():
            result = apply()
            if keep(result) and (problems := tuple(all_problems())):
                raise Refusal(Impact((), 0, problems))
    except Refusal as refused:
        engine.clear_cache()
        existing = set(all_problems())  # rolled back: the rules as they were before
        problems = refused.impact.problems
        return None, Impact((), 0, problems, tuple(p for p in problems if p in existing))
    return result, None
