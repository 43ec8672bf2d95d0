"""Values a rule used to have: kept in view, like a deprecated statement with its reference.

A system page shows each rule's value now and, beneath it, every earlier value it had in a
published release: what it said, in which releases it held, and on what source. The
history is read from the releases themselves (each freezes its rows), so a value changed
and changed back between two releases never appears. What each release states is read
once per process and language: a release never changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import get_language

from systems.outcome import SourceRef


@dataclass(frozen=True)
class Held:
    value: str  # the value as the rules table shows it ("−10 each", "600–649")
    when: str  # the condition it applied to, in words ("" for a band)
    source: SourceRef | None
    first: int  # the first and last release in which it held
    last: int

    @property
    def releases(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"


def statements(edition, key: str) -> dict[str, tuple[str, str, SourceRef | None]]:
    """row key → (value, condition, source) for a system's rules and bands in an edition."""
    if edition.release is not None:
        release = edition.release
        return _release_statements(release.number, release.published_at, key, get_language(),
                                   edition)
    return _statements(edition, key)


@lru_cache(maxsize=256)
def _release_statements(number, published_at, key, language, edition) -> dict:
    return _statements(edition, key)


def _statements(edition, key: str) -> dict:
    from systems import engine
    found = next((entry for entry in engine.loaded(edition).snapshot if entry[0].key == key),
                 None)
    if found is None:
        return {}
    described = found[0].describe(found[1])
    rows = {row.key: (row.value, row.when, row.source) for row in described["rows"] if row.key}
    rows.update({band.key: (band.range_text, "", band.source)
                 for band in described["bands"] if band.key})
    return rows


def superseded(key: str, editions_in_order) -> dict[str, list[Held]]:
    """For the last of `editions_in_order` (published releases, oldest first, then
    possibly the draft): each row's earlier values, newest first, each with the releases
    in which it held."""
    history: dict[str, list[Held]] = {}
    current: dict[str, tuple] = {}  # row key → (statement, the first release it held in)
    last = 0  # the latest release read so far
    for edition in editions_in_order:
        now = statements(edition, key)
        number = edition.release.number if edition.release else None
        for row, (statement, first) in list(current.items()):
            if row not in now or now[row][:2] != statement[:2]:
                value, when, source = statement
                history.setdefault(row, []).insert(0, Held(value, when, source, first, last))
                del current[row]
        for row, statement in now.items():
            current.setdefault(row, (statement, number or last))
        last = number or last
    return history
