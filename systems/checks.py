"""`manage.py check` rejects inconsistent rules.

The same tests run on every road by which data changes: `loaddata`, every save, revert
and bulk action in the admin (rehearsed first), and publishing a release (on the rows the
release would freeze). So an inconsistent rule set cannot reach readers by any road.
Everything reads a `Rows`: the draft by default, or a release's frozen rows.
"""

from __future__ import annotations

from django.core import checks
from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist
from django.db import DatabaseError

from . import translated
from .models import Feed, Status, band_problems, documentation_problem, sourced_models
from .rows import Rows


def row_problems(rows: Rows):
    """(object label, field, message) for every row that fails its own validation."""
    for model in sourced_models():
        for row in rows.all(model):
            for field, message in row.problems():
                yield f"{model._meta.label} '{row.key}'", field, message


def set_problems(rows: Rows):
    """Problems that only show across rows: bands, weights, parts, visibility."""
    from .blacklists.models import ListingRule
    from .commercial.models import SCALE_MAX, SCALE_MIN, Dimension, Factor, Tier
    from .engine import fixed_systems, registry
    from .nosedive.models import Baseline, RatingRule
    from .pilots.models import Adjustment, Grade, Pilot, Scheme, SchemePart

    # An empty table is a system not loaded yet, not an inconsistent one.
    tiers = rows.all(Tier)
    for message in band_problems(tiers, SCALE_MIN, SCALE_MAX) if tiers else ():
        yield "commercial.Tier", message
    dimensions = rows.all(Dimension)
    weights = sum(d.weight for d in dimensions)
    if dimensions and weights != 100:
        yield "commercial.Dimension", f"The dimension weights add up to {weights}, not 100."
    schemes = rows.all(Scheme)
    for scheme in schemes:
        grades = [g for g in rows.all(Grade) if g.scheme_id == scheme.pk]
        for message in band_problems(grades):
            yield f"pilots.Grade of '{scheme.key}'", message
        parts = [p for p in rows.all(SchemePart) if p.scheme_id == scheme.pk]
        if parts and sum(p.points for p in parts) != scheme.base_score:
            yield (f"pilots.SchemePart of '{scheme.key}'",
                   f"The parts add up to {sum(p.points for p in parts)}, "
                   f"not the base score {scheme.base_score}.")
    for pilot in rows.all(Pilot):
        if pilot.status == Status.DOCUMENTED and (
                problem := documentation_problem(pilot.sources.all())):
            yield f"pilots.Pilot '{pilot.key}'", problem
    if len(rows.all(Baseline)) > 1:
        yield "nosedive.Baseline", "There must be exactly one starting rating."

    fixed = {s.key for s in fixed_systems()}
    for scheme in schemes:
        if scheme.system in fixed:
            yield (f"pilots.Scheme '{scheme.key}'",
                   f"its system key {scheme.system!r} is taken by a system that is not a "
                   "points scheme; choose another.")
    known = fixed | {s.system for s in schemes}
    feeds = rows.all(Feed)
    for feed in feeds:
        if feed.system not in known:
            yield (f"systems.Feed '{feed.key}'",
                   f"names the system {feed.system!r}, which does not exist (the systems are "
                   f"{', '.join(sorted(known))}).")

    # Once any data is loaded, every system must be able to load its rules.
    if feeds:
        for system in registry(rows):
            try:
                system.load(rows)
            except (ObjectDoesNotExist, MultipleObjectsReturned, StopIteration) as error:
                yield f"system '{system.key}'", f"its rules are incomplete: {error}"

    seen = {(f.system, f.parameter) for f in feeds}
    scheme_of = {s.pk: s.system for s in schemes}
    used = [("sesame", rows.all(Factor)), ("blacklists", rows.all(ListingRule)),
            ("nosedive", rows.all(RatingRule))]
    used += [(scheme_of.get(a.scheme_id), [a]) for a in rows.all(Adjustment)]
    for system, rules in used:
        for rule in rules:
            if (system, rule.parameter) not in seen:
                yield (f"rule '{rule.key}'", f"reads {rule.parameter}, which {system} cannot "
                                             "see (add a Feed saying how it gets that data).")


def all_problems(rows: Rows | None = None) -> list[str]:
    """Every problem of the draft, or of `rows` (a release's)."""
    rows = rows if rows is not None else Rows()
    found = [f"{label}.{field}: {message}" for label, field, message in row_problems(rows)]
    found += [f"{label}: {message}" for label, message in set_problems(rows)]
    return found


@checks.register("rules")
def check_rules(app_configs=None, **kwargs):
    try:
        problems = all_problems()
    except DatabaseError:  # tables not created yet (before the first migrate)
        return []
    return [checks.Error(message, id="systems.E001") for message in problems]


@checks.register("rules")
def check_translations(app_configs=None, **kwargs):
    """Rows with English text and no translation: readers of that language see the
    English, marked. One warning per model and language, naming the rows."""
    from .releases.models import data_models
    try:
        rows = Rows().load_all(data_models())
    except DatabaseError:
        return []
    found = []
    for model in data_models():
        for language, keys in translated.gaps(rows.all(model), model).items():
            shown = ", ".join(keys[:10]) + (" ..." if len(keys) > 10 else "")
            found.append(checks.Warning(
                f"{model._meta.label}: {len(keys)} row(s) have no '{language}' text: {shown}",
                hint=f"Readers of /{language}/ see the English, marked. Fill the "
                     f"'_{translated.suffix(language)}' columns in the admin or the fixtures.",
                obj=model, id="systems.W001"))
    return found
