"""Local pilots: the registry editors keep current, and the two points schemes we simulate."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from systems.models import (
    Band,
    ChangeRoad,
    KeyedBase,
    ParameterRule,
    Source,
    SourcedRow,
    Status,
    today,
)
from systems.translated import translated


class PilotQuerySet(models.QuerySet):
    def get_by_natural_key(self, key):
        return self.get(key=key)

    def active(self):
        return self.filter(state=Pilot.State.RUNNING)


class Pilot(KeyedBase):
    """One local pilot: where, what kind, since when, whether it still runs, on what
    sources. Its state is the value most likely to go stale, so it has a status and a
    checked date like a rule, and reaches the review queue."""

    VALUE_FIELDS = ("kind", "started", "ended", "state")  # the facts a release states

    class Kind(models.TextChoices):
        POINTS = "points", _("points")
        BLACKLISTS = "blacklists", _("blacklists")
        SHAMING = "shaming", _("public shaming")
        RED_LISTS = "red_lists", _("red lists")
        CARD = "card", _("card")

    class State(models.TextChoices):
        RUNNING = "running", _("running")
        CONSENT = "consent", _("running, opt-in only")
        ENDED = "ended", _("ended")
        UNCLEAR = "unclear", _("unclear")

    city = models.CharField(max_length=100)
    city_zh = models.CharField(max_length=40, blank=True)
    province = models.CharField(max_length=100)
    latitude = models.DecimalField(max_digits=7, decimal_places=4)
    longitude = models.DecimalField(max_digits=7, decimal_places=4)
    kind = models.CharField(
        max_length=12, choices=Kind.choices,
        help_text=_("What it mainly does: points (a score or grade), blacklists, public "
                    "shaming, red lists (praise), or a card."))
    started = models.PositiveSmallIntegerField(help_text=_("Year the pilot started."))
    ended = models.PositiveSmallIntegerField(null=True, blank=True)
    state = models.CharField(
        max_length=10, choices=State.choices,
        help_text=_("As of the checked date: running; running only for people who opt in; "
                    "ended; or unclear (no recent source says either way)."))
    summary = translated(models.TextField())
    sources = models.ManyToManyField(Source, related_name="pilots")
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.REPORTED,
        help_text=_("How sure we are of this entry: documented (an official text, or "
                    "several independent outlets), reported (one outlet)."))
    checked = models.DateField(
        default=today, help_text=_("When an editor last checked this entry, its state "
                                   "above all, against its sources."))

    objects = PilotQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[sources], bases=[ChangeRoad])

    class Meta:
        ordering = ["province", "city"]

    def clean(self):
        errors = {}
        # Mainland China lies within these bounds; a swapped lat/lon fails here.
        if self.latitude is not None and not 18 <= self.latitude <= 54:
            errors["latitude"] = _("Mainland China lies between 18 and 54 degrees north.")
        if self.longitude is not None and not 73 <= self.longitude <= 135:
            errors["longitude"] = _("Mainland China lies between 73 and 135 degrees east.")
        if self.ended is not None and self.started is not None and self.ended < self.started:
            errors["ended"] = _("A pilot cannot end before it starts.")
        if self.ended is not None and self.state in (self.State.RUNNING, self.State.CONSENT):
            errors["state"] = _("A pilot with an end year is not running.")
        if errors:
            raise ValidationError(errors)

    def __str__(self):
        return f"{self.city} ({self.province})"


class Scheme(SourcedRow):
    """A points scheme we simulate: its base score and whom it covers. Each scheme is a
    system of its own: adding one (with its grades, adjustments and feeds) adds a system
    to every comparison, and a place to the record's `residence`, with no code change."""

    VALUE_FIELDS = ("base_score", "residence", "requires_consent", "eligibility_en")

    pilot = models.OneToOneField(Pilot, on_delete=models.PROTECT, related_name="scheme")
    system = models.SlugField(
        max_length=20, unique=True,
        help_text=_("The system's key in addresses: /systems/<key>/, systems=<key> in "
                    "embeds. Never change it once published."))
    name = translated(models.CharField(
        max_length=200, help_text=_("As readers see it: \"Rongcheng points\".")))
    operator = translated(models.CharField(
        max_length=200, help_text=_("Who runs it: \"Rongcheng city government\".")))
    base_score = models.PositiveSmallIntegerField()
    residence = models.SlugField(
        max_length=20, unique=True,
        help_text=_("The record's `residence` value for the people it covers (added to "
                    "the record contract; never rename it once published)."))
    place = models.CharField(
        max_length=60, help_text=_("The place as the \"Lives in\" menu names it."))
    requires_consent = models.BooleanField(default=False)
    eligibility = translated(models.CharField(max_length=300))
    order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Where it stands among the schemes in every comparison."))

    class Meta:
        ordering = ["order", "key"]

    def problems(self):
        found = super().problems()
        if self.residence == "elsewhere":
            found.append(("residence", "'elsewhere' means no scheme covers the person: "
                                       "give the place its own value."))
        return found

    def __str__(self):
        return self.name


class SchemePart(SourcedRow):
    """A share of the base score (Suining splits its 1000 into four)."""

    VALUE_FIELDS = ("points",)

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="parts")
    label = translated(models.CharField(max_length=200))
    points = models.PositiveSmallIntegerField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["scheme", "order"]


class Grade(Band):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="grades")

    class Meta:
        ordering = ["scheme", "min_score"]


class Consequence(SourcedRow):
    """What a grade brings: a perk, a sanction, or a plain statement of what follows."""

    VALUE_FIELDS = ("grade", "kind", "label_en")

    class Kind(models.TextChoices):
        PERK = "perk", _("perk")
        SANCTION = "sanction", _("sanction")
        CONSEQUENCE = "consequence", _("consequence")

    grade = models.ForeignKey(Grade, on_delete=models.CASCADE, related_name="consequences")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    label = translated(models.CharField(max_length=300))

    class Meta:
        ordering = ["grade", "key"]


class Adjustment(ParameterRule):
    VALUE_FIELDS = (*ParameterRule.VALUE_FIELDS, "points", "grade_cap")

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="adjustments")
    points = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    grade_cap = models.ForeignKey(
        Grade, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text=_("When set, the person's grade can be no better than this one."))

    class Meta:
        ordering = ["scheme", "parameter", "value"]

    def problems(self):
        found = super().problems()
        if self.grade_cap_id and self.scheme_id and self.grade_cap.scheme_id != self.scheme_id:
            found.append(("grade_cap", "The capping grade belongs to another scheme."))
        return found
