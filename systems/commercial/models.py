"""Sesame Credit (Zhima Credit, Ant Group): a commercial score from 350 to 950."""

from django.db import models

from systems.models import Band, ParameterRule, SourcedRow
from systems.translated import translated

SCALE_MIN, SCALE_MAX = 350, 950


class Dimension(SourcedRow):
    """One of the five published dimensions; its weight and start are not published."""

    VALUE_FIELDS = ("weight", "start")

    name = translated(models.CharField(max_length=100))
    weight = models.PositiveSmallIntegerField(help_text="Percent of the score; all sum to 100.")
    start = models.PositiveSmallIntegerField(
        help_text="Rating (0-100) a person with no relevant record starts from.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def problems(self):
        found = super().problems()
        if self.weight is not None and self.weight > 100:
            found.append(("weight", "A weight is a percentage: at most 100."))
        if self.start is not None and self.start > 100:
            found.append(("start", "A rating runs from 0 to 100."))
        return found


class Factor(ParameterRule):
    """Moves one dimension's rating, or caps the whole score."""

    VALUE_FIELDS = (*ParameterRule.VALUE_FIELDS, "dimension", "points", "score_cap")

    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="factors")
    points = models.DecimalField(
        max_digits=6, decimal_places=2, default=0,
        help_text="Change to the dimension's 0-100 rating (per unit, or once).")
    score_cap = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="When set, the score cannot be higher than this.")

    class Meta:
        ordering = ["dimension__order", "parameter", "value"]

    def problems(self):
        found = super().problems()
        if self.score_cap is not None and not SCALE_MIN <= self.score_cap <= SCALE_MAX:
            found.append(("score_cap", f"A cap must lie within {SCALE_MIN}-{SCALE_MAX}."))
        return found


class Tier(Band):
    class Meta:
        ordering = ["min_score"]


class Perk(SourcedRow):
    VALUE_FIELDS = ("label_en", "min_score", "requires_clean_record")

    label = translated(models.CharField(max_length=200))
    detail = translated(models.CharField(max_length=300, blank=True))
    min_score = models.PositiveSmallIntegerField()
    requires_clean_record = models.BooleanField(
        default=False, help_text="Only for people with no court judgment on record.")

    class Meta:
        ordering = ["min_score", "key"]

    def problems(self):
        found = super().problems()
        if self.min_score is not None and not SCALE_MIN <= self.min_score <= SCALE_MAX:
            found.append(("min_score", f"A threshold must lie within {SCALE_MIN}-{SCALE_MAX}."))
        return found


class Restriction(ParameterRule):
    """Something Sesame refuses a person because of their record (not their score)."""

    detail = translated(models.CharField(max_length=300, blank=True))
