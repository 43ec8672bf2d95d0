"""Government blacklists: membership plus sanctions, never a score."""

from django.db import models

from systems.models import ParameterRule, SourcedRow


class Blacklist(SourcedRow):
    VALUE_FIELDS = ("authority", "term", "removal")

    name = models.CharField(max_length=200)
    authority = models.CharField(max_length=200)
    term = models.CharField(max_length=300, help_text="How long an entry stays.")
    removal = models.CharField(max_length=300, help_text="How one gets off the list.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name


class ListingRule(ParameterRule):
    """What puts a person on a list, or (listed=False) what keeps or takes them off."""

    VALUE_FIELDS = (*ParameterRule.VALUE_FIELDS, "blacklist", "listed")

    blacklist = models.ForeignKey(Blacklist, on_delete=models.PROTECT, related_name="rules")
    listed = models.BooleanField(default=True)

    class Meta:
        ordering = ["blacklist__order", "key"]


class Sanction(SourcedRow):
    VALUE_FIELDS = ("blacklist", "label")

    blacklist = models.ForeignKey(Blacklist, on_delete=models.PROTECT, related_name="sanctions")
    label = models.CharField(max_length=200)
    imposed_by = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["blacklist__order", "order", "key"]
