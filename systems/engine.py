"""Run one record through every system at once.

The registry is the list of systems, in the order readers see them: Sesame, the
blacklists, then one system per points scheme in the data (an editor adds a city's scheme
without a code change), then Nosedive. Rules are read once per edition (see
`systems.releases.editions`) and kept as immutable snapshots, so evaluating a record makes
no query. A release's snapshot never changes; the draft's belongs to one data version, and
a request that finds a newer one reloads it, so every worker on every server sees an edit
on its next request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import record as record_module
from .models import Feed, SystemKey
from .outcome import Outcome, SystemResult, visibility
from .record import Record
from .releases import editions
from .rows import Rows


@dataclass(frozen=True)
class System:
    key: str
    name: str
    kind: str  # "score", "list", "grade" or "stars"
    operator: str
    answer: str  # the kind of answer it gives, in words
    fiction: bool
    load: Callable[[Rows], Any]
    evaluate: Callable[..., SystemResult]
    describe: Callable[[Any], dict]  # the rules as table rows and bands, for readers
    scheme: Any = None  # for a points scheme: its row (place, eligibility, pilot)
    # Its colour and glyph wherever it appears (strip, panels, diagram, map): its own key
    # for a system that is code, "scheme-N" for the Nth points scheme.
    style: str = ""


def fixed_systems() -> tuple[System, System, System]:
    """The systems that are code: Sesame, the blacklists, Nosedive."""
    from .blacklists import engine as blacklists
    from .commercial import engine as commercial
    from .nosedive import engine as nosedive
    return (
        System(commercial.KEY, SystemKey.SESAME.label, "score", _("Ant Group (private company)"),
               _("A score from 350 to 950"), False, commercial.load, commercial.evaluate,
               commercial.describe, style=commercial.KEY),
        System(blacklists.KEY, SystemKey.BLACKLISTS.label, "list",
               _("Supreme People's Court and other state bodies"),
               _("A list: on it or not"), False, blacklists.load, blacklists.evaluate,
               blacklists.describe, style=blacklists.KEY),
        System(nosedive.KEY, SystemKey.NOSEDIVE.label, "stars", _("Black Mirror, a TV series"),
               _("Stars from 1 to 5, given by other people"), True, nosedive.load,
               nosedive.evaluate, nosedive.describe, style=nosedive.KEY),
    )


def registry(rows: Rows) -> tuple[System, ...]:
    """Every system of an edition: the fixed ones, with each points scheme in its data."""
    from .pilots import engine as pilots
    from .pilots.models import Scheme
    sesame, blacklists, nosedive = fixed_systems()
    schemes = tuple(
        System(s.system, s.name, "grade", s.operator, _("Points and a grade"), False,
               partial(pilots.load, system=s.system),
               partial(pilots.evaluate, key=s.system, name=s.name), pilots.describe, s,
               style=f"scheme-{n}")
        for n, s in enumerate(rows.all(Scheme), start=1))
    return (sesame, blacklists, *schemes, nosedive)


Snapshot = tuple[tuple[System, Any, tuple, tuple], ...]


@dataclass
class Loaded:
    """One edition's data, read once: its rows, and (built on first use, once per language,
    since names and rule labels are the rows' text in the reader's language) its systems
    and their compiled rules, with a memo of results. The memo travels with its snapshot,
    so it can never outlive its rules or be found again under another snapshot."""

    rows: Rows
    places: tuple[tuple[str, str], ...]  # (residence value, place name), one per scheme
    _built: dict[str, tuple[tuple[System, ...], Snapshot]] = field(default_factory=dict)
    memo: OrderedDict = field(default_factory=OrderedDict)

    def _of_language(self) -> tuple[tuple[System, ...], Snapshot]:
        language = get_language()
        found = self._built.get(language)
        if found is None:
            with _lock:
                found = self._built.get(language)
                if found is None:
                    systems_ = registry(self.rows)
                    found = self._built[language] = (systems_, build(self.rows, systems_))
        return found

    @property
    def systems(self) -> tuple[System, ...]:
        return self._of_language()[0]

    @property
    def snapshot(self) -> Snapshot:
        return self._of_language()[1]


_draft: tuple[Any, Loaded] | None = None  # (token, loaded)
# By number and date: a number alone could name another release in a restored database.
_releases: OrderedDict[tuple, Loaded] = OrderedDict()
KEEP_RELEASES = 8
MEMO_SIZE = 20_000
# gunicorn runs several threads per worker: one reads an edition while the others wait.
# Re-entrant, so that clear_cache, run by a save signal, never waits on its own thread.
_lock = threading.RLock()


def load_edition(rows: Rows) -> Loaded:
    from .pilots.models import Scheme
    from .releases.models import data_models
    rows.load_all(data_models())
    places = tuple((s.residence, s.place) for s in rows.all(Scheme))
    return Loaded(rows, places)


def loaded(edition: editions.Edition | None = None) -> Loaded:
    """An edition's data (the request's, by default), read once and kept."""
    global _draft
    edition = edition or editions.current()
    if edition.release is not None:
        number = (edition.release.number, edition.release.published_at)
        found = _releases.get(number)
        if found is None:
            with _lock:
                found = _releases.get(number)
                if found is None:
                    found = _releases[number] = load_edition(Rows(edition.release))
                    while len(_releases) > KEEP_RELEASES:
                        _releases.popitem(last=False)
        with _lock:
            if number in _releases:
                _releases.move_to_end(number)  # the least recently read go first
        return found
    draft = _draft  # read once: another thread may replace or clear it meanwhile
    if draft is None or draft[0] != edition.token:
        with _lock:
            draft = _draft
            if draft is None or draft[0] != edition.token:
                draft = _draft = (edition.token, load_edition(Rows()))
    return draft[1]


def of(release) -> editions.Edition | None:
    """The edition a pinned release names, or None for the request's own."""
    return editions.pinned(release) if release is not None else None


def build(rows: Rows, systems_: tuple[System, ...]) -> Snapshot:
    """Every system with its loaded rules and visibility: what its feeds say it sees, and
    for a points scheme, where the person lives and whether they consented (a scheme
    always reads those: they decide whether it covers the person)."""
    seen: dict[str, set[str]] = {}
    for feed in rows.all(Feed):
        seen.setdefault(feed.system, set()).add(feed.parameter)
    for system in systems_:
        if system.scheme is not None:
            seen.setdefault(system.key, set()).update(
                ("residence", "opted_in") if system.scheme.requires_consent else ("residence",))
    return tuple((system, system.load(rows), *visibility(frozenset(seen.get(system.key, ()))))
                 for system in systems_)


def systems(edition: editions.Edition | None = None) -> tuple[System, ...]:
    return loaded(edition).systems


def snapshot(release=None) -> Snapshot:
    """The request's rules, or a release's rules as they stood when it was published."""
    return loaded(of(release)).snapshot


def rows(edition: editions.Edition | None = None) -> Rows:
    """The request's data (its edition's rows), for pages that list pilots, sources..."""
    return loaded(edition).rows


def evaluate(record: Record, release=None) -> Outcome:
    """Every system's result. A system's result depends only on the parts of the record it
    can see (`manage.py check` holds the rules to that), so results are kept per snapshot,
    language and those parts: moving one control recomputes only the systems that see it."""
    results = []
    found = loaded(of(release))
    memo = found.memo
    language = get_language()
    for system, rules, sees, cannot_see in found.snapshot:
        key = (system.key, language, tuple(getattr(record, name) for name in sees))
        result = memo.get(key)
        if result is None:
            result = memo[key] = system.evaluate(record, rules, sees, cannot_see)
            if len(memo) > MEMO_SIZE:
                memo.popitem(last=False)
        results.append(result)
    return Outcome(record, tuple(results))


def clear_cache(**kwargs) -> None:
    """Forget the draft (a save signal: it changed). A release never changes, so readers'
    snapshots stay."""
    global _draft
    with _lock:
        _draft = None


def rules_of(key: str, release=None):
    """The loaded rules of one system, with what it sees: (system, rules, sees, cannot_see)."""
    for entry in snapshot(release):
        if entry[0].key == key:
            return entry
    raise KeyError(key)


def places() -> tuple[tuple[str, str], ...]:
    return loaded().places


# The record's `residence` takes its values from the schemes of the edition being read.
record_module.places_from(places)
