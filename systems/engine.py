"""Run one record through every system at once.

The registry below is the one list of systems, in the order readers see them. Rules are
read from the database once per process and kept as immutable snapshots, so evaluating a
record makes no query; any save or delete in a systems app drops the snapshots.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

from .models import Feed, SystemKey
from .outcome import Outcome, SystemResult, visibility
from .record import Record


@dataclass(frozen=True)
class System:
    key: str
    name: str
    kind: str  # "score", "list", "grade" or "stars"
    operator: str
    answer: str  # the kind of answer it gives, in words
    fiction: bool
    load: Callable[[], Any]
    evaluate: Callable[..., SystemResult]
    describe: Callable[[Any], dict]  # the rules as table rows and bands, for readers


def _registry() -> tuple[System, ...]:
    from .blacklists import engine as blacklists
    from .commercial import engine as commercial
    from .nosedive import engine as nosedive
    from .pilots import engine as pilots

    def pilot(key, operator):
        name = SystemKey(key).label
        return System(key, name, "grade", operator, _("Points and a grade"), False,
                      partial(pilots.load, key),
                      partial(pilots.evaluate, key=key, name=name), pilots.describe)

    return (
        System(commercial.KEY, SystemKey.SESAME.label, "score", _("Ant Group (private company)"),
               _("A score from 350 to 950"), False, commercial.load, commercial.evaluate,
               commercial.describe),
        System(blacklists.KEY, SystemKey.BLACKLISTS.label, "list",
               _("Supreme People's Court and other state bodies"),
               _("A list: on it or not"), False, blacklists.load, blacklists.evaluate,
               blacklists.describe),
        pilot(SystemKey.RONGCHENG.value, _("Rongcheng city government")),
        pilot(SystemKey.SUINING.value, _("Suining county government")),
        System(nosedive.KEY, SystemKey.NOSEDIVE.label, "stars", _("Black Mirror, a TV series"),
               _("Stars from 1 to 5, given by other people"), True, nosedive.load,
               nosedive.evaluate, nosedive.describe),
    )


SYSTEMS: tuple[System, ...] = ()
_snapshot: tuple[tuple[System, Any, tuple, tuple], ...] | None = None


def systems() -> tuple[System, ...]:
    global SYSTEMS
    if not SYSTEMS:
        SYSTEMS = _registry()
    return SYSTEMS


def snapshot():
    """Every system with its loaded rules and visibility; loaded once, then cached."""
    global _snapshot
    if _snapshot is None:
        seen: dict[str, set[str]] = {}
        for system, parameter in Feed.objects.values_list("system", "parameter"):
            seen.setdefault(system, set()).add(parameter)
        _snapshot = tuple(
            (system, system.load(), *visibility(frozenset(seen.get(system.key, ()))))
            for system in systems())
    return _snapshot


def evaluate(record: Record) -> Outcome:
    return Outcome(record, tuple(system.evaluate(record, rules, sees, cannot_see)
                                 for system, rules, sees, cannot_see in snapshot()))


def clear_cache(**kwargs) -> None:
    global _snapshot
    _snapshot = None


SYSTEM_APPS = {"systems", "commercial", "blacklists", "pilots", "nosedive"}

# One process's cache only: with several workers, the editors' data-version stamp (planned)
# will let each worker notice a change with one cheap query per request.
for model in apps.get_models():
    if model._meta.app_label in SYSTEM_APPS:
        post_save.connect(clear_cache, sender=model, dispatch_uid=f"rules-{model._meta.label}")
        post_delete.connect(clear_cache, sender=model, dispatch_uid=f"rules-d-{model._meta.label}")
m2m_changed.connect(clear_cache, dispatch_uid="rules-m2m")


def rules_of(key: str):
    """The loaded rules of one system, with what it sees: (system, rules, sees, cannot_see)."""
    for entry in snapshot():
        if entry[0].key == key:
            return entry
    raise KeyError(key)
