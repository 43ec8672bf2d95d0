"""Black Mirror's "Nosedive" (2016): fiction, modelled only to contrast with reality."""

from django.db import models

from systems.models import ParameterRule, SourcedRow
from systems.translated import translated

STARS_MIN, STARS_MAX = 1, 5


class Baseline(SourcedRow):
    VALUE_FIELDS = ("rating",)

    label = translated(models.CharField(max_length=200))
    rating = models.DecimalField(max_digits=3, decimal_places=2)

    def problems(self):
        found = super().problems()
        if self.rating is not None and not STARS_MIN <= self.rating <= STARS_MAX:
            found.append(("rating", "Ratings run from 1 to 5 stars."))
        return found


class RatingRule(ParameterRule):
    """How peers rate a kind of behaviour, in stars (per time, or once)."""

    VALUE_FIELDS = (*ParameterRule.VALUE_FIELDS, "stars", "downvote_multiplier")

    stars = models.DecimalField(max_digits=4, decimal_places=2)
    downvote_multiplier = models.DecimalField(
        max_digits=3, decimal_places=1, default=1,
        help_text="When this fires, every other downvote counts this many times.")

    class Meta:
        ordering = ["parameter", "key"]


class Threshold(SourcedRow):
    """Something the story gates on a rating."""

    VALUE_FIELDS = ("min_rating",)

    label = translated(models.CharField(max_length=200))
    min_rating = models.DecimalField(max_digits=3, decimal_places=2)

    class Meta:
        ordering = ["min_rating"]
