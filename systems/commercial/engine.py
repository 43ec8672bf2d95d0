"""Sesame Credit's engine: five weighted dimensions, caps from the court list, perks.

The score is 350 + 600 × the weighted average of the dimension ratings (0-100), so a
rating change of r in a dimension of weight w moves the score by 6·w·r/100 points.
Ant publishes the dimensions, not the weights or ratings: those rows are illustrative.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from systems.models import SystemKey
from systems.outcome import SourceRef, SystemResult, Verdict, weakest
from systems.record import PARAMETERS_BY_NAME, signed
from systems.rows import Rows
from systems.rules import Compiled, RuleRow, band_of, compile_rule, effect, row_of

from .models import SCALE_MAX, SCALE_MIN, Dimension, Factor, Perk, Restriction, Tier

KEY = "sesame"
NAME = SystemKey.SESAME.label


@dataclass(frozen=True, slots=True)
class Rules:
    base: float
    base_status: str
    base_note: str
    factors: tuple[tuple[Compiled, float], ...]  # rule, score points per unit of rating
    tiers: tuple[Tier, ...]
    perks: tuple[Perk, ...]
    restrictions: tuple[Compiled, ...]


def load(rows: Rows) -> Rules:
    dimensions = rows.all(Dimension)
    base = SCALE_MIN + 6 * sum(d.weight * d.start for d in dimensions) / 100
    factors = tuple((compile_rule(f, f.points), 6 * f.dimension.weight / 100)
                    for f in rows.all(Factor))
    return Rules(
        base=base,
        base_status=weakest(*(d.status for d in dimensions)),
        base_note="; ".join(sorted({d.note for d in dimensions if d.note})),
        factors=factors,
        tiers=tuple(rows.all(Tier)),
        perks=tuple(rows.all(Perk)),
        restrictions=tuple(compile_rule(r) for r in rows.all(Restriction)),
    )


def on_dimension(rule: Compiled, units: int) -> str:
    """How one factor moves the score, in words and in the units it works in.

    "3 late bills × −5 on the Credit history rating (35 % of the score)"
    """
    dimension = rule.row.dimension
    where = _("on the %(dimension)s rating (%(weight)s %% of the score)") % {
        "dimension": dimension.name, "weight": dimension.weight}
    if rule.value is None:
        return (f"{PARAMETERS_BY_NAME[rule.parameter].describe(units)} × "
                f"{signed(rule.points)} {where}")
    return f"{signed(rule.points)} {where}"


def evaluate(record, rules: Rules, sees, cannot_see) -> SystemResult:
    score = rules.base
    trace = []
    cap, cap_rule = SCALE_MAX, None
    for rule, per_rating in rules.factors:
        units = rule.units(record)
        if not units:
            continue
        if rule.row.score_cap is not None:
            if rule.row.score_cap < cap:
                cap, cap_rule = rule.row.score_cap, rule
            continue
        delta = units * rule.points * per_rating
        score += delta
        trace.append(rule.step(round(delta, 1), on_dimension(rule, units)))
    if cap_rule is not None:
        cut = min(0.0, cap - score)
        trace.append(cap_rule.step(round(cut, 1), _("the score can be at most %(cap)s") % {
            "cap": cap}))
        score += cut
    if score < SCALE_MIN:
        score = SCALE_MIN
    score = round(score)

    tier = next((t for t in rules.tiers if t.contains(score)), None)
    clean = record.court_judgment == "none"
    effects = [effect(p, "perk", p.label, p.detail) for p in rules.perks
               if score >= p.min_score and (clean or not p.requires_clean_record)]
    effects += [effect(r.row, "sanction", r.label, r.row.detail)
                for r in rules.restrictions if r.units(record)]
    status = weakest(rules.base_status, *(s.status for s in trace),
                     tier.status if tier else "illustrative")
    band = tier.label if tier else ""
    headline = _("%(score)s / %(max)s") % {"score": score, "max": SCALE_MAX}
    summary = _("Sesame Credit: %(score)s out of %(max)s") % {"score": score, "max": SCALE_MAX}
    verdict = Verdict(
        kind="score", value=score, label=str(score), band=band, status=status,
        note=rules.base_note, summary=summary + (f", {band}." if band else "."),
        headline=headline, start=str(round(rules.base)), total=headline)
    return SystemResult(KEY, str(NAME), False, True, "", verdict, tuple(effects), tuple(trace),
                        sees, cannot_see)


def describe(rules: Rules) -> dict:
    rows = []
    for rule, per_rating in rules.factors:
        if rule.row.score_cap is not None:
            value = _("score at most %(cap)s") % {"cap": rule.row.score_cap}
        else:
            value = _("%(points)s on the %(dimension)s rating (≈ %(score)s points)") % {
                "points": signed(rule.points), "dimension": rule.row.dimension.name,
                "score": signed(round(rule.points * per_rating, 1))}
        rows.append(row_of(rule, value))
    rows += [RuleRow(p.label, _("score at least %(min)s") % {"min": p.min_score}
                     + (_(", no court record") if p.requires_clean_record else ""),
                     _("perk"), p.status, p.note, SourceRef.of_row(p), p.key)
             for p in rules.perks]
    rows += [row_of(r, _("restriction")) for r in rules.restrictions]
    return {"rows": rows, "bands": [band_of(t) for t in rules.tiers],
            "scale": (SCALE_MIN, SCALE_MAX)}
