"""Government blacklists: membership plus sanctions, never a score."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from systems.models import PUBLISHED_RE, ParameterRule, SourcedRow
from systems.translated import translated


class Blacklist(SourcedRow):
    VALUE_FIELDS = ("authority_en", "term_en", "removal_en")

    name = translated(models.CharField(max_length=200))
    authority = translated(models.CharField(max_length=200))
    term = translated(models.CharField(max_length=300, help_text="How long an entry stays."))
    removal = translated(models.CharField(max_length=300, help_text="How one gets off the list."))
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
    VALUE_FIELDS = ("blacklist", "label_en")

    blacklist = models.ForeignKey(Blacklist, on_delete=models.PROTECT, related_name="sanctions")
    label = translated(models.CharField(max_length=200))
    imposed_by = translated(models.CharField(max_length=200, blank=True))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["blacklist__order", "order", "key"]


class Memorandum(SourcedRow):
    """A joint-punishment memorandum: bodies that agreed to restrict, each in its own
    field, the people or companies on one list."""

    VALUE_FIELDS = ("signed", "signatories", "list_en", "restricts_en", "targets")

    class Targets(models.TextChoices):
        PEOPLE = "people", _("people")
        COMPANIES = "companies", _("companies")
        BOTH = "both", _("people and companies")

    sector = translated(models.CharField(
        max_length=100, help_text=_("The sector, as readers see it.")))
    title = translated(models.CharField(max_length=300))
    document = models.CharField(max_length=60, blank=True,
                                help_text=_("The document number, e.g. 发改财金〔2016〕141号."))
    signed = models.CharField(max_length=10, help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."))
    lead = translated(models.CharField(
        max_length=200, help_text=_("The body or bodies that led it.")))
    signatories = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("How many bodies signed (empty: no source says)."))
    signatories_text = translated(models.CharField(
        max_length=500, help_text=_("Who signed, in words.")))
    list = translated(models.CharField(
        max_length=200, help_text=_("The list whose entries it punishes.")))
    restricts = translated(models.TextField(help_text=_("What the signatories restrict.")))
    targets = models.CharField(max_length=10, choices=Targets.choices)

    class Meta:
        ordering = ["signed", "key"]

    def problems(self):
        found = super().problems()
        if not PUBLISHED_RE.fullmatch(self.signed or ""):
            found.append(("signed", "Use YYYY, YYYY-MM or YYYY-MM-DD."))
        return found

    def __str__(self):
        return self.title
