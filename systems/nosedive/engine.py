"""Nosedive's engine: peers' stars after every interaction, averaged into access."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from systems.models import SystemKey
from systems.outcome import SourceRef, SystemResult, Verdict, weakest
from systems.record import decimal, signed
from systems.rows import Rows
from systems.rules import Compiled, RuleRow, compile_rule, describe_units, effect, row_of

from .models import STARS_MAX, STARS_MIN, Baseline, RatingRule, Threshold

KEY = "nosedive"
NAME = SystemKey.NOSEDIVE.label


@dataclass(frozen=True, slots=True)
class Rules:
    baseline: Baseline
    start: float
    rules: tuple[Compiled, ...]
    thresholds: tuple[tuple[Threshold, float], ...]


def load(rows: Rows) -> Rules:
    baseline = rows.one(Baseline)
    return Rules(
        baseline, float(baseline.rating),
        tuple(compile_rule(r, r.stars) for r in rows.all(RatingRule)),
        tuple((t, float(t.min_rating)) for t in rows.all(Threshold)),
    )


def stars(rating: float, places: int = 2) -> str:
    return decimal(f"{rating:.{places}f}") + " ★"


def evaluate(record, rules: Rules, sees, cannot_see) -> SystemResult:
    fired = [(rule, units) for rule in rules.rules if (units := rule.units(record))]
    multiplier = 1.0
    for rule, _units in fired:
        multiplier *= float(rule.row.downvote_multiplier)
    rating, trace = rules.start, []
    for rule, units in fired:
        delta = units * rule.points
        detail = describe_units(rule, units, rule.points, " ★")
        own = float(rule.row.downvote_multiplier)
        if delta < 0 and multiplier / own != 1:
            delta *= multiplier / own
            detail += _(", counted ×%(times)s") % {"times": decimal(f"{multiplier / own:g}")}
        rating += delta
        trace.append(rule.step(round(delta, 2), detail))
    rating = round(min(max(rating, STARS_MIN), STARS_MAX), 2)
    effects = [effect(t, "perk" if rating >= needed else "sanction",
                      t.label if rating >= needed else _("Refused: %(what)s") % {
                          "what": t.label},
                      _("needs %(stars)s") % {"stars": stars(needed, 1)})
               for t, needed in rules.thresholds]
    verdict = Verdict(
        kind="stars", value=rating, label=stars(rating), band="",
        status=weakest(rules.baseline.status, *(s.status for s in trace)),
        note=rules.baseline.note,
        summary=_("Nosedive, which is fiction: %(stars)s stars from other people's "
                  "ratings.") % {"stars": decimal(f"{rating:.2f}")},
        headline=stars(rating), start=stars(rules.start), total=stars(rating))
    return SystemResult(KEY, str(NAME), True, True, "", verdict, tuple(effects), tuple(trace),
                        sees, cannot_see)


def describe(rules: Rules) -> dict:
    base = rules.baseline
    rows = [RuleRow(base.label, _("at the start"), stars(rules.start, 1), base.status,
                    base.note, SourceRef.of_row(base), base.key)]
    for rule in rules.rules:
        value = f"{signed(rule.points)} ★" + (_(" each") if rule.value is None else "")
        if float(rule.row.downvote_multiplier) != 1:
            value += _(", downvotes ×%(times)s") % {
                "times": decimal(f"{rule.row.downvote_multiplier:g}")}
        rows.append(row_of(rule, value))
    rows += [RuleRow(t.label, _("rating at least %(stars)s") % {"stars": stars(needed, 1)},
                     _("access"), t.status, t.note, SourceRef.of_row(t), t.key)
             for t, needed in rules.thresholds]
    return {"rows": rows, "bands": [], "scale": (STARS_MIN, STARS_MAX)}
