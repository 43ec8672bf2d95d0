"""The points pilots' engine: base score, documented adjustments, grade bands.

One engine serves every simulated scheme (Rongcheng, Suining); the scheme's rows decide.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from systems.outcome import SystemResult, Verdict, weakest
from systems.record import number, signed
from systems.rows import Rows
from systems.rules import Compiled, band_of, compile_rule, describe_units, effect, row_of

from .models import Adjustment, Consequence, Grade, Scheme


@dataclass(frozen=True, slots=True)
class Rules:
    scheme: Scheme
    adjustments: tuple[Compiled, ...]
    grades: tuple[Grade, ...]  # lowest first
    consequences: dict[int, tuple[Consequence, ...]]  # by grade id


def load(rows: Rows, system: str) -> Rules:
    scheme = next((s for s in rows.all(Scheme) if s.system == system), None)
    if scheme is None:
        raise Scheme.DoesNotExist(f"no scheme for {system!r}")
    grades = tuple(g for g in rows.all(Grade) if g.scheme_id == scheme.pk)  # lowest first
    consequences = {g.pk: [] for g in grades}
    for row in rows.all(Consequence):
        if row.grade_id in consequences:
            consequences[row.grade_id].append(row)
    adjustments = [a for a in rows.all(Adjustment) if a.scheme_id == scheme.pk]
    return Rules(scheme, tuple(compile_rule(a, a.points) for a in adjustments), grades,
                 {pk: tuple(found) for pk, found in consequences.items()})


def points(n: float) -> str:
    return ngettext("%(n)s point", "%(n)s points", n) % {"n": number(n)}


def applicability(record, scheme: Scheme) -> tuple[str, str, str]:
    """Why the scheme does not cover this person (residence or consent), in a few words
    and in full; or three empty strings."""
    if record.residence != scheme.residence:
        return "residence", _("lives elsewhere"), _("%(scheme)s only covers %(who)s.") % {
            "scheme": scheme.name, "who": scheme.eligibility}
    if scheme.requires_consent and not record.opted_in:
        return "consent", _("has not opted in"), _(
            "%(scheme)s keeps records but calculates no score without the person's "
            "consent.") % {"scheme": scheme.name}
    return "", "", ""


def evaluate(record, rules: Rules, sees, cannot_see, key: str, name: str) -> SystemResult:
    scheme = rules.scheme
    score = float(scheme.base_score)
    trace = []
    cap = None
    for rule in rules.adjustments:
        units = rule.units(record)
        if not units:
            continue
        if rule.row.grade_cap_id:
            cap = rule.row.grade_cap
            trace.append(rule.step(None, _("grade can be no better than %(grade)s") % {
                "grade": cap.label}))
        if rule.points:
            delta = units * rule.points
            score += delta
            trace.append(rule.step(delta, describe_units(rule, units, rule.points)))
    score = round(score)
    grade = next(g for g in rules.grades if g.contains(score))
    if cap is not None and grade.min_score is not None and (
            cap.min_score is None or grade.min_score > cap.min_score):
        grade = cap
    effects = tuple(effect(c, c.kind, c.label) for c in rules.consequences[grade.pk])
    not_covered, short, why_not = applicability(record, scheme)
    status = weakest(scheme.status, grade.status, *(s.status for s in trace))
    headline = _("%(points)s · %(grade)s") % {"points": points(score), "grade": grade.label}
    if not_covered == "residence":
        summary = _("%(name)s: not covered, lives elsewhere.") % {"name": name}
    elif not_covered:
        summary = _("%(name)s: no score without consent.") % {"name": name}
    else:
        summary = _("%(name)s: %(points)s, grade %(grade)s.") % {
            "name": name, "points": points(score), "grade": grade.label}
    verdict = Verdict(kind="grade", value=score, label=grade.label, band=grade.label,
                      status=status, note=grade.note, summary=summary, headline=headline,
                      start=points(scheme.base_score), total=points(score))
    return SystemResult(key, str(name), False, not why_not, why_not, verdict, effects,
                        tuple(trace), sees, cannot_see, why_not_short=short,
                        not_covered=not_covered)


def describe(rules: Rules) -> dict:
    rows = []
    for rule in rules.adjustments:
        if rule.row.grade_cap_id:
            value = _("grade at most %(grade)s") % {"grade": rule.row.grade_cap.label}
        elif rule.value is None:
            value = _("%(points)s each") % {"points": signed(rule.points)}
        else:
            value = signed(rule.points)
        rows.append(row_of(rule, value))
    grades = rules.grades
    low = min(g.min_score for g in grades if g.min_score is not None) - 100
    high = max(g.max_score or g.min_score for g in grades) + 100
    return {"rows": rows, "bands": [band_of(g) for g in grades], "scale": (low, high),
            "start": rules.scheme.base_score}
