"""Run one record through every system at once.

The registry below is the one list of systems, in the order readers see them. Rules are
read from the database once and kept as immutable snapshots, so evaluating a record makes
no query. The live snapshot belongs to one data version: a request that finds a newer one
(`DataVersionMiddleware` reads it once per request) reloads it, so every worker on every
server sees an edit on its next request. A release's snapshot is read from the history
tables as the data stood then, and never changes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
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
_live: tuple[Any, Snapshot] | None = None  # (data version, snapshot)
_releases: OrderedDict[int, Snapshot] = OrderedDict()  # release number → snapshot
KEEP_RELEASES = 8
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


def snapshot(release=None) -> Snapshot:
    """The live rules, or a release's rules as they stood when it was published."""
    global _live
    if release is not None:
        if release.number not in _releases:
            _releases[release.number] = build(Rows(as_of=release.published_at))
            while len(_releases) > KEEP_RELEASES:
                _memos.pop(id(_releases.popitem(last=False)[1]), None)
        _releases.move_to_end(release.number)
        return _releases[release.number]
    version = request_version.get()
    if _live is None or (version is not None and _live[0] != version):
        if _live is not None:
            _memos.pop(id(_live[1]), None)
        _live = (version, build(Rows()))
    return _live[1]


def evaluate(record: Record, release=None) -> Outcome:
    """Every system's result. A system's result depends only on the parts of the record it
    can see, so results are kept per snapshot, language and those parts: moving one
    control recomputes only the systems that see it."""
    results = []
    current = snapshot(release)
    memo = _memos.setdefault(id(current), OrderedDict())
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


MEMO_SIZE = 20_000
_memos: dict[int, OrderedDict] = {}  # per snapshot (by identity); dropped with the snapshot


def clear_cache(**kwargs) -> None:
    global _live
    _live = None
    _memos.clear()


SYSTEM_APPS = {"systems", "commercial", "blacklists", "pilots", "nosedive"}

# This process's own edits drop the live snapshot at once; other processes notice the new
# data version on their next request.
for model in apps.get_models():
    if model._meta.app_label in SYSTEM_APPS:
        post_save.connect(clear_cache, sender=model, dispatch_uid=f"rules-{model._meta.label}")
        post_delete.connect(clear_cache, sender=model, dispatch_uid=f"rules-d-{model._meta.label}")
m2m_changed.connect(clear_cache, dispatch_uid="rules-m2m")


def rules_of(key: str, release=None):
    """The loaded rules of one system, with what it sees: (system, rules, sees, cannot_see)."""
    for entry in snapshot(release):
        if entry[0].key == key:
            return entry
    raise KeyError(key)
