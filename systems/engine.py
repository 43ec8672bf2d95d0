"""Run one record through every system at once.

The registry below is the one list of systems, in the order readers see them. Rules are
read from the database once and kept as immutable snapshots, so evaluating a record makes
no query. The live snapshot belongs to one data version: a request that finds a newer one
(`DataVersionMiddleware` reads it once per request) reloads it, so every worker on every
server sees an edit on its next request. A release's snapshot is read from the history
tables as the data stood then, and never changes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import Feed, SystemKey
from .outcome import Outcome, SystemResult, visibility
from .record import Record
from .rows import Rows


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
                      partial(pilots.load, system=key),
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
Snapshot = tuple[tuple[System, Any, tuple, tuple], ...]
# A snapshot travels with its memo (results kept per system, language and what the system
# sees), so a memo can never outlive its rules or be found again under another snapshot.
_live: tuple[Any, Snapshot, OrderedDict] | None = None  # (data version, snapshot, memo)
_releases: OrderedDict[int, tuple[Snapshot, OrderedDict]] = OrderedDict()  # by number
KEEP_RELEASES = 8
MEMO_SIZE = 20_000
# gunicorn runs several threads per worker: one builds a snapshot while the others wait.
# Re-entrant, so that clear_cache, run by a save signal, never waits on its own thread.
_lock = threading.RLock()
# The data version this request saw (set by DataVersionMiddleware); None outside requests,
# where in-process signals keep the live snapshot fresh instead.
request_version: ContextVar[tuple | None] = ContextVar("request_version", default=None)


def systems() -> tuple[System, ...]:
    global SYSTEMS
    if not SYSTEMS:
        SYSTEMS = _registry()
    return SYSTEMS


def build(rows: Rows) -> Snapshot:
    """Every system with its loaded rules and visibility."""
    seen: dict[str, set[str]] = {}
    for feed in rows.all(Feed):
        seen.setdefault(feed.system, set()).add(feed.parameter)
    return tuple((system, system.load(rows), *visibility(frozenset(seen.get(system.key, ()))))
                 for system in systems())


def _loaded(release=None) -> tuple[Snapshot, OrderedDict]:
    """The live rules (or a release's, as they stood when it was published) and their memo."""
    global _live
    if release is not None:
        with _lock:
            found = _releases.get(release.number)
            if found is None:
                found = _releases[release.number] = (
                    build(Rows(as_of=release.published_at)), OrderedDict())
                while len(_releases) > KEEP_RELEASES:
                    _releases.popitem(last=False)
            _releases.move_to_end(release.number)
            return found
    version = request_version.get()
    live = _live  # read once: another thread may replace or clear it meanwhile
    if live is None or (version is not None and live[0] != version):
        with _lock:
            live = _live
            if live is None or (version is not None and live[0] != version):
                live = _live = (version, build(Rows()), OrderedDict())
    return live[1], live[2]


def snapshot(release=None) -> Snapshot:
    """The live rules, or a release's rules as they stood when it was published."""
    return _loaded(release)[0]


def evaluate(record: Record, release=None) -> Outcome:
    """Every system's result. A system's result depends only on the parts of the record it
    can see (`manage.py check` holds the rules to that), so results are kept per snapshot,
    language and those parts: moving one control recomputes only the systems that see it."""
    results = []
    current, memo = _loaded(release)
    language = get_language()
    for system, rules, sees, cannot_see in current:
        key = (system.key, language, tuple(getattr(record, name) for name in sees))
        result = memo.get(key)
        if result is None:
            result = memo[key] = system.evaluate(record, rules, sees, cannot_see)
            if len(memo) > MEMO_SIZE:
                memo.popitem(last=False)
        results.append(result)
    return Outcome(record, tuple(results))


def clear_cache(**kwargs) -> None:
    global _live
    with _lock:
        _live = None
        _releases.clear()


def rules_of(key: str):
    """The loaded rules of one system, with what it sees: (system, rules, sees, cannot_see)."""
    for entry in snapshot():
        if entry[0].key == key:
            return entry
    raise KeyError(key)
