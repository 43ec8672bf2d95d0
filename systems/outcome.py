"""The outcome of evaluating a record: per system, a verdict and the reasons for it.

Public contract (the API and embeds serialise `Outcome.to_dict()`): add fields, never
rename them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from .record import PARAMETER_NAMES, Record


@dataclass(frozen=True, slots=True)
class SourceRef:
    key: str
    title: str
    outlet: str
    published: str
    url: str
    locator: str
    read_at: str = ""
    retrieved: str = ""
    status: str = ""
    kind: str = ""
    language: str = ""

    @classmethod
    def of(cls, source) -> SourceRef | None:
        if source is None:
            return None
        return cls(source.key, source.title, source.outlet, source.published, source.url,
                   source.locator, source.read_at, source.retrieved, source.status,
                   source.kind, source.language)

    @classmethod
    def of_row(cls, row) -> SourceRef | None:
        """A row's source, with the row's own locator (where in it this value stands)."""
        ref = cls.of(row.source)
        if ref is not None and getattr(row, "locator", ""):
            ref = replace(ref, locator=row.locator)
        return ref


@dataclass(frozen=True, slots=True)
class Step:
    """One rule that fired: what it read, what it changed, and on what authority."""

    rule: str
    label: str
    parameter: str
    delta: float | None  # change to the score, or None for a rule that lists/caps
    detail: str
    status: str
    note: str
    source: SourceRef | None
    second_source: SourceRef | None = None  # a second outlet stating the same


@dataclass(frozen=True, slots=True)
class Effect:
    key: str
    kind: str  # "perk", "sanction" or "consequence"
    label: str
    detail: str
    status: str
    note: str
    source: SourceRef | None
    second_source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: str  # "score", "grade", "list" or "stars"
    value: float | None  # the number, if the system produces one
    label: str  # what a reader sees big: "712", "Grade B", "Listed", "4.1 ★"
    band: str  # tier or grade name; list names for a blacklist
    status: str  # the weakest status among the numbers this verdict rests on
    note: str  # why it is illustrative, if it is
    summary: str  # one plain sentence for screen readers
    headline: str = ""  # the verdict on the system's own scale: "638 / 950", "960 points · A"
    start: str = ""  # where the trace starts, in the system's units ("" for a list)
    total: str = ""  # where the trace ends, in the same units


@dataclass(frozen=True, slots=True)
class SystemResult:
    system: str
    name: str
    fiction: bool
    applies: bool
    why_not: str  # empty when it applies; otherwise the verdict is what it *would* say
    verdict: Verdict
    effects: tuple[Effect, ...]
    trace: tuple[Step, ...]
    sees: tuple[str, ...]
    cannot_see: tuple[str, ...]
    why_not_short: str = ""  # the reason in a few words, for the verdict strip
    # Why the system does not cover the person: "residence" (lives elsewhere), "consent"
    # (gave none), or "" when it applies. The verdict is then only what it would say.
    not_covered: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Outcome:
    record: Record
    results: tuple[SystemResult, ...]

    def __getitem__(self, system: str) -> SystemResult:
        for result in self.results:
            if result.system == system:
                return result
        raise KeyError(system)

    def to_dict(self) -> dict:
        return {"record": self.record.as_dict(),
                "systems": [result.to_dict() for result in self.results]}


def visibility(seen: frozenset[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split the record's parameters into those a system sees and those it cannot."""
    return (tuple(n for n in PARAMETER_NAMES if n in seen),
            tuple(n for n in PARAMETER_NAMES if n not in seen))


STATUS_RANK = {"documented": 0, "reported": 1, "illustrative": 2}


def weakest(*statuses: str) -> str:
    """The least certain of several statuses: a verdict is only as sure as its inputs."""
    return max(statuses, key=STATUS_RANK.__getitem__, default="documented")
