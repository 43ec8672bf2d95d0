"""What a change would do to the personas' verdicts, before anyone commits it.

`rehearse(apply)` runs `apply` inside a transaction, reads the rules as they would be,
evaluates every persona in every system, and rolls everything back (the change, its
history rows, the data version). The editor sees the difference and decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from systems import engine
from systems.models import Persona
from systems.record import Record
from systems.rows import Rows


@dataclass(frozen=True)
class Change:
    persona: str
    system: str
    before: str
    after: str


@dataclass(frozen=True)
class Impact:
    changes: tuple[Change, ...]
    checked: int  # how many persona × system verdicts were compared
    problems: tuple[str, ...] = ()  # what `manage.py check` would say of the rules after it

    @property
    def unchanged(self) -> int:
        return self.checked - len(self.changes)


def verdicts() -> dict[tuple[str, str], str]:
    """(persona, system) → the verdict as the strip shows it, from the rows as they are."""
    snapshot = engine.build(Rows())
    people = [("Your own record (the default)", Record())] + [
        (p.name, p.get_record()) for p in Persona.objects.all()]
    found = {}
    for name, record in people:
        for system, rules, sees, cannot_see in snapshot:
            result = system.evaluate(record, rules, sees, cannot_see)
            applies = "" if result.applies else " (does not apply)"
            found[(name, str(system.name))] = result.verdict.headline + applies
    return found


class Rehearsal(Exception):
    """Raised to roll the rehearsed change back."""


def rehearse(apply):
    """(what `apply` returned, Impact), with nothing saved."""
    from systems.checks import all_problems
    before = verdicts()
    result, after, problems = None, {}, ()
    try:
        with transaction.atomic():
            result = apply()
            after = verdicts()
            problems = tuple(all_problems())
            raise Rehearsal
    except Rehearsal:
        pass
    finally:
        engine.clear_cache()
    if not after:  # apply() failed before the change was complete
        return result, Impact((), 0)
    changes = tuple(Change(person, system, before[key], after[key])
                    for key in before for person, system in [key]
                    if after.get(key) != before[key])
    return result, Impact(changes, len(before), problems)
