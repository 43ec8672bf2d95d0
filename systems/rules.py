"""Compiled rules: the database rows, read once, in a shape cheap to evaluate.

Evaluation never touches the database; `systems.engine` loads these snapshots once and
drops them when an editor changes a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from .outcome import Effect, SourceRef, Step
from .record import PARAMETERS_BY_NAME, Record, number, signed


@dataclass(frozen=True, slots=True)
class Compiled:
    key: str
    label: str
    parameter: str
    value: int | str | None  # None: fires once per unit of a count
    points: float
    status: str
    note: str
    source: SourceRef | None
    row: Any  # the model instance, for system-specific fields
    second_source: SourceRef | None = None

    def units(self, record: Record) -> int:
        actual = getattr(record, self.parameter)
        if self.value is None:
            return actual
        return 1 if actual == self.value else 0

    def step(self, delta: float | None, detail: str) -> Step:
        return Step(self.key, self.label, self.parameter, delta, detail, self.status,
                    self.note, self.source, self.second_source)


def compile_rule(row, points: float = 0.0) -> Compiled:
    value = PARAMETERS_BY_NAME[row.parameter].parse(row.value) if row.value else None
    return Compiled(row.key, row.label, row.parameter, value, float(points), row.status,
                    row.note, SourceRef.of_row(row), row, SourceRef.of(row.second_source))


def effect(row, kind: str, label: str, detail: str = "") -> Effect:
    return Effect(row.key, kind, label, detail, row.status, row.note, SourceRef.of_row(row),
                  SourceRef.of(row.second_source))


def describe_units(rule: Compiled, units: int, points: float, unit: str = "") -> str:
    """'3 late bills × −20' for a per-unit rule; nothing to add for a one-off."""
    if rule.value is None:
        return f"{PARAMETERS_BY_NAME[rule.parameter].describe(units)} × {signed(points)}{unit}"
    return ""


@dataclass(frozen=True, slots=True)
class RuleRow:
    """One rule as a reader sees it in a system's table."""

    label: str
    when: str  # the record condition, in words
    value: str  # what it does: "-10 per month", "listed", "cap 350"
    status: str
    note: str
    source: SourceRef | None
    key: str = ""  # the data row's key (several releases of one rule share it)


@dataclass(frozen=True, slots=True)
class BandRow:
    label: str
    low: int | None
    high: int | None
    status: str
    note: str
    source: SourceRef | None
    key: str = ""

    @property
    def range_text(self) -> str:
        """The band's range in figures: "≤ 349", "≥ 1,050", "600–649"."""
        if self.low is None:
            return f"≤ {number(self.high)}"
        if self.high is None:
            return f"≥ {number(self.low)}"
        return f"{number(self.low)}–{number(self.high)}"


def condition(rule: Compiled) -> str:
    """The record condition in words: "Late bills, per late bill", "Lives in Rongcheng"."""
    parameter = PARAMETERS_BY_NAME[rule.parameter]
    if rule.value is None:
        return _("%(label)s, per %(unit)s") % {"label": parameter.label, "unit": parameter.unit}
    return parameter.describe(rule.value)


def row_of(rule: Compiled, value: str) -> RuleRow:
    return RuleRow(rule.label, condition(rule), value, rule.status, rule.note, rule.source,
                   rule.key)


def band_of(band) -> BandRow:
    return BandRow(band.label, band.min_score, band.max_score, band.status, band.note,
                   SourceRef.of_row(band), band.key)
