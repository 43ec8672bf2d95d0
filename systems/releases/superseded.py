"""Values a rule used to have: kept in view, like a deprecated statement with its reference.

A system page shows each rule's value now and, beneath it, every earlier value it had in a
published release: what it said, in which releases it held, and on what source. The
history is read from the releases themselves (each freezes its rows), so a value changed
and changed back between two releases never appears.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def statements(described: dict) -> dict[str, tuple[str, str, SourceRef | None]]:
    """row key → (value, condition, source) for a system's rules and bands."""
    found = {row.key: (row.value, row.when, row.source) for row in described["rows"] if row.key}
    found.update({band.key: (band.range_text, "", band.source)
                  for band in described["bands"] if band.key})
    return found


def superseded(key: str, editions_in_order) -> dict[str, list[Held]]:
    """For the last of `editions_in_order` (published releases, oldest first, then
    possibly the draft): each row's earlier values, newest first."""
    from systems import engine
    history: dict[str, list[Held]] = {}
    current: dict[str, tuple] = {}  # row key → (statement, first release)
    number = 0
    for edition in editions_in_order:
        found = next((entry for entry in engine.loaded(edition).snapshot
                      if entry[0].key == key), None)
        now = statements(found[0].describe(found[1])) if found else {}
        for row, statement in now.items():
            held = current.get(row)
            if held is not None and held[0][:2] != statement[:2]:
                value, when, source = held[0]
                history.setdefault(row, []).insert(0, Held(value, when, source, held[1], number))
            if held is None or held[0][:2] != statement[:2]:
                current[row] = (statement, edition.release.number if edition.release else 0)
        number = edition.release.number if edition.release else number
    return history
