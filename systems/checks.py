"""`manage.py check` rejects inconsistent rules.

The same tests run after `loaddata` (see the loaddata command) and in the admin, so an
inconsistent rule set cannot reach readers by any road.
"""

from __future__ import annotations

from django.core import checks
from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist
from django.db import DatabaseError

from .models import Feed, band_problems, sourced_models


def row_problems():
    """(object label, field, message) for every row that fails its own validation."""
    for model in sourced_models():
        for row in model.objects.select_related("source"):
            for field, message in row.problems():
                yield f"{model._meta.label} '{row.key}'", field, message


def set_problems():
    """Problems that only show across rows: bands, weights, parts, visibility."""
    from .blacklists.models import ListingRule
    from .commercial.models import SCALE_MAX, SCALE_MIN, Dimension, Factor, Tier
    from .nosedive.models import Baseline, RatingRule
    from .pilots.models import Adjustment, Scheme

    # An empty table is a system not loaded yet, not an inconsistent one.
    tiers = list(Tier.objects.all())
    for message in band_problems(tiers, SCALE_MIN, SCALE_MAX) if tiers else ():
        yield "commercial.Tier", message
    weights = sum(d.weight for d in Dimension.objects.all())
    if Dimension.objects.exists() and weights != 100:
        yield "commercial.Dimension", f"The dimension weights add up to {weights}, not 100."
    for scheme in Scheme.objects.prefetch_related("grades", "parts"):
        for message in band_problems(scheme.grades.all()):
            yield f"pilots.Grade of '{scheme.key}'", message
        parts = list(scheme.parts.all())
        if parts and sum(p.points for p in parts) != scheme.base_score:
            yield (f"pilots.SchemePart of '{scheme.key}'",
                   f"The parts add up to {sum(p.points for p in parts)}, "
                   f"not the base score {scheme.base_score}.")
    if Baseline.objects.count() > 1:
        yield "nosedive.Baseline", "There must be exactly one starting rating."

    # Once any data is loaded, every system must be able to load its rules.
    if Feed.objects.exists():
        from .engine import systems
        from .rows import Rows
        rows = Rows()
        for system in systems():
            try:
                system.load(rows)
            except (ObjectDoesNotExist, MultipleObjectsReturned) as error:
                yield f"system '{system.key}'", f"its rules are incomplete: {error}"

    seen = set(Feed.objects.values_list("system", "parameter"))
    used = [("sesame", Factor.objects.values_list("key", "parameter")),
            ("blacklists", ListingRule.objects.values_list("key", "parameter")),
            ("nosedive", RatingRule.objects.values_list("key", "parameter"))]
    for scheme in Scheme.objects.all():
        used.append((scheme.system, Adjustment.objects.filter(scheme=scheme)
                     .values_list("key", "parameter")))
    for system, rows in used:
        for key, parameter in rows:
            if (system, parameter) not in seen:
                yield (f"rule '{key}'", f"reads {parameter}, which {system} cannot see "
                                        "(add a Feed saying how it gets that data).")
    # A pilot reads where the person lives, and whether they consented where it asks.
    for scheme in Scheme.objects.all():
        needed = ["residence", *(["opted_in"] if scheme.requires_consent else [])]
        for parameter in needed:
            if (scheme.system, parameter) not in seen:
                yield (f"pilots.Scheme '{scheme.key}'",
                       f"reads {parameter}, which {scheme.system} cannot see "
                       "(add a Feed saying how it gets that data).")


def all_problems() -> list[str]:
    found = [f"{label}.{field}: {message}" for label, field, message in row_problems()]
    found += [f"{label}: {message}" for label, message in set_problems()]
    return found


@checks.register("rules")
def check_rules(app_configs=None, **kwargs):
    try:
        problems = all_problems()
    except DatabaseError:  # tables not created yet (before the first migrate)
        return []
    return [checks.Error(message, id="systems.E001") for message in problems]
