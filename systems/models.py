"""What every credit system shares: sources, the status of a number, and rule shapes.

Every rule, threshold, perk and sanction is a row that names its Source and says how sure
we are of it. Validation lives here (`problems()`), so the admin, `loaddata` and
`manage.py check` all apply the same rules.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .record import PARAMETER_NAMES, PARAMETERS_BY_NAME, Record, RecordError
from .translated import translated

# The apps whose rows decide what readers see: rules, sources, feeds, pilots, personas.
DATA_APPS = ("systems", "commercial", "blacklists", "pilots", "nosedive", "timeline")

PARAMETER_CHOICES = [(name, name) for name in PARAMETER_NAMES]


class Status(models.TextChoices):
    DOCUMENTED = "documented", _("documented")
    REPORTED = "reported", _("reported")
    ILLUSTRATIVE = "illustrative", _("illustrative")


class SourceStatus(models.TextChoices):
    """How sure we are of a source itself. `illustrative` describes values, never a source."""

    DOCUMENTED = "documented", _("documented")
    REPORTED = "reported", _("reported")


class SourceKind(models.TextChoices):
    """What kind of text a source is: what decides whether it can document a row alone."""

    PRIMARY = "primary", _("primary text")
    PRESS = "press", _("news report")
    RESEARCH = "research", _("research")
    COMPANY = "company", _("company statement")
    REFERENCE = "reference", _("reference work")
    COMMENTARY = "commentary", _("commentary")


# Kinds of source that count as an independent reliable outlet: two of them, from two
# different outlets, document a value together; a primary text documents it alone.
INDEPENDENT_KINDS = frozenset({SourceKind.PRIMARY, SourceKind.PRESS, SourceKind.RESEARCH,
                               SourceKind.REFERENCE})


def documentation_problem(sources) -> str:
    """Why these sources do not document a value, or '' when they do: an official text
    states it, or several independent reliable outlets do (the Sources page's definition)."""
    found = [s for s in sources if s is not None]
    # A source we could read only in a copy of doubtful provenance, or that is itself one
    # outlet's unconfirmed report, is marked reported: it documents nothing.
    reliable = [s for s in found if s.status == SourceStatus.DOCUMENTED]
    if any(s.kind == SourceKind.PRIMARY for s in reliable):
        return ""
    outlets = {s.outlet.strip().lower() for s in reliable if s.kind in INDEPENDENT_KINDS}
    if len(outlets) >= 2:
        return ""
    named = ", ".join(f"'{s.key}' ({s.get_kind_display()}, {s.outlet}, {s.status})"
                      for s in found)
    return (f"Documented means an official text states it, or several independent reliable "
            f"outlets do; {named or 'no source'} is not enough. Cite the primary text, add a "
            f"second source from another outlet, or mark it reported.")


# The languages our sources are in (a reader is told when a source is not in theirs).
SOURCE_LANGUAGES = [("en", _("English")), ("zh", _("Chinese")), ("nl", _("Dutch")),
                    ("de", _("German")), ("fr", _("French")), ("ja", _("Japanese"))]


class SystemKey(models.TextChoices):
    """The systems that are code. Points schemes are data: each Scheme row names its own
    key (`rongcheng`, `suining`, or a city an editor adds)."""

    SESAME = "sesame", _("Sesame Credit")
    BLACKLISTS = "blacklists", _("Government blacklists")
    NOSEDIVE = "nosedive", _("Nosedive (fiction)")


class KeyedQuerySet(models.QuerySet):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class KeyedManager(models.Manager.from_queryset(KeyedQuerySet)):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class KeyedBase(models.Model):
    """A row with a stable slug, so fixtures use natural keys instead of integer ids."""

    key = models.SlugField(max_length=80, unique=True)

    objects = KeyedManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (self.key,)

    def __str__(self):
        return self.key


class ChangeRoad(models.Model):
    """On every history record: the road a change came by, and who took it when no account
    did (a fixture load names the person who ran it)."""

    class Via(models.TextChoices):
        ADMIN = "admin", _("the admin")
        FIXTURES = "fixtures", _("a fixture load")
        COMMAND = "command", _("the command line")

    history_via = models.CharField(max_length=10, choices=Via.choices, blank=True)
    history_by = models.CharField(max_length=150, blank=True)

    class Meta:
        abstract = True


class Keyed(KeyedBase):
    """A keyed row whose every change is recorded (who, when, old and new values, why, by
    which road) by django-simple-history, so the data can be read as it was at any date."""

    history = HistoricalRecords(inherit=True, bases=[ChangeRoad])

    class Meta:
        abstract = True


def today() -> datetime.date:
    return timezone.localdate()


PUBLISHED_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# A web address a reader can open: http(s), then no spaces, quotes or markup.
PLAIN_URL = re.compile(r"^https?://[^\s\"'<>`\\]+$", re.IGNORECASE)


def plain_url_problem(value: str) -> str:
    """Why a URL is not a plain web address, or ''."""
    if PLAIN_URL.fullmatch(value or ""):
        return ""
    return ("give a plain web address starting with http:// or https://, with no spaces, "
            "quotes or markup.")


def plain_url(value: str) -> None:
    if value and (problem := plain_url_problem(value)):
        raise ValidationError(problem[0].upper() + problem[1:], code="plain_url")


class Source(Keyed):
    """A text we rely on: where it was published, and where and when we read it.

    `url` is the original's address. When we read a copy elsewhere (a re-host, a mirror,
    a reproduction), `read_at` is that copy's address. `status` is documented (a primary
    text, or a reliable outlet reporting first-hand) or reported (a secondary summary, one
    unconfirmed report, a copy of doubtful provenance); `illustrative` describes values,
    never a source. `kind` says whether it can document a value alone
    (`documentation_problem`).
    """

    title = models.CharField(max_length=300)
    outlet = models.CharField(max_length=200)
    published = models.CharField(
        max_length=10, blank=True,
        help_text=_("YYYY, YYYY-MM or YYYY-MM-DD; leave empty when the source is undated."))
    url = models.URLField(max_length=500, blank=True, validators=[plain_url],
                          help_text=_("The original's address."))
    read_at = models.URLField(
        max_length=500, blank=True, validators=[plain_url],
        help_text=_("Where we read it, when that is a copy and not the original."))
    retrieved = models.CharField(
        max_length=10, blank=True,
        help_text=_("When we read it: YYYY, YYYY-MM or YYYY-MM-DD."))
    locator = models.CharField(
        max_length=200, blank=True, help_text=_("Article, clause, section or table cited."))
    status = models.CharField(
        max_length=12, choices=SourceStatus.choices,
        help_text=_("documented: a primary text, or a reliable outlet reporting first-hand; "
                    "reported: a secondary summary or a single unconfirmed report."))
    kind = models.CharField(
        max_length=12, choices=SourceKind.choices,
        help_text=_("A primary text documents a value alone; otherwise two independent "
                    "outlets (news, research or reference) must state it."))
    language = models.CharField(
        max_length=8, default="en", choices=SOURCE_LANGUAGES,
        help_text=_("The language of the text we read."))
    note = translated(models.TextField(
        blank=True, help_text=_("Shown to readers on the Sources page.")))
    checked = models.DateField(
        default=today, help_text=_("When an editor last checked our use of it against the text."))

    class Meta:
        ordering = ["key"]

    def clean(self):
        errors = {}
        for field in ("published", "retrieved"):
            value = getattr(self, field)
            if value and not PUBLISHED_RE.match(value):
                errors[field] = _("Use YYYY, YYYY-MM or YYYY-MM-DD.")
        if self.read_at and self.read_at == self.url:
            errors["read_at"] = _("Leave this empty when we read the original itself.")
        if errors:
            raise ValidationError(errors)

    def cited_by(self) -> list[str]:
        """What relies on this source: rule rows, pilots, and page text (via CITERS)."""
        found = [f"{model._meta.verbose_name} '{key}'"
                 for model in sourced_models()
                 for key in model.objects.filter(
                     models.Q(source=self) | models.Q(second_source=self)).values_list(
                     "key", flat=True)]
        found += [f"pilot '{key}'" for key in self.pilots.values_list("key", flat=True)]
        for citer in CITERS:
            found += citer(self.key)
        return found

    @property
    def link(self) -> str:
        """Where a reader can check it: the original, else the copy we read."""
        return self.url or self.read_at

    @property
    def html_lang(self) -> str:
        """Its language as an HTML `lang`: Chinese is Simplified Chinese, so browsers pick
        its glyphs and fonts."""
        return {"zh": "zh-Hans"}.get(self.language, self.language)

    def __str__(self):
        return f"{self.title} ({self.outlet}, {self.published or 'undated'})"


def sourced_models() -> list:
    """Every model of sourced rows (rules, bands, perks, sanctions, feeds, ...)."""
    from django.apps import apps
    return [m for m in apps.get_models() if issubclass(m, SourcedRow)]


# Functions that say where else a source is cited (e.g. the reader pages' text); another
# app registers them, so this domain module needs no knowledge of the pages.
CITERS: list = []


@receiver(pre_delete, sender=Source, dispatch_uid="source-cited")
def keep_cited_sources(sender, instance, **kwargs):
    """A cited source stays, however it is deleted (the admin, the shell, a bulk delete):
    readers' footnotes, pilots and rules point at it. Rule rows also PROTECT it."""
    if cited := instance.cited_by():
        raise models.ProtectedError(
            f"Source '{instance.key}' is cited by {'; '.join(cited)}.", set())


class SourcedRow(Keyed):
    """A fact the simulation uses: it carries its source and how sure we are of it.

    `VALUE_FIELDS` are the fields that state the fact (a number, a threshold, what a rule
    reads): changing one asks the editor to confirm the source, where in it the value
    stands (`locator`) and when they read it; the old value stays on the system page as
    superseded, with the releases in which it held. A translated field is named by its
    English column (`label_en`): a translation restates the fact, it does not change it.
    """

    VALUE_FIELDS: tuple[str, ...] = ()

    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, related_name="+")
    second_source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text=_("A second, independent source that states the same value (a documented "
                    "row needs a primary text, or two outlets)."))
    locator = models.CharField(
        max_length=200, blank=True,
        help_text=_("Where in the source this value stands: article, clause, page or table. "
                    "Empty: the source's own locator."))
    status = models.CharField(
        max_length=12, choices=Status.choices,
        help_text=_("documented: an official text states it, or several independent "
                    "reliable outlets do; reported: one outlet; illustrative: no source "
                    "gives this value, it shows the shape only (say why in the note)."))
    note = translated(models.TextField(
        blank=True, help_text=_("Why a value is illustrative or reported; shown to readers.")))
    checked = models.DateField(
        default=today, help_text=_("When an editor last checked it against its source."))

    class Meta:
        abstract = True

    def problems(self) -> list[tuple[str, str]]:
        """Data-quality problems as (field, message): the one place these rules live."""
        found = []
        source = self.source if self.source_id else None
        if source is None:
            found.append(("source", "Every number needs a source."))
        elif self.status == Status.DOCUMENTED and not source.link:
            found.append(("source", f"A documented row needs a source readers can open; "
                                    f"'{source.key}' has no URL."))
        elif self.status == Status.DOCUMENTED and (problem := documentation_problem(
                (source, self.second_source if self.second_source_id else None))):
            found.append(("status", problem))
        if self.second_source_id and self.second_source_id == self.source_id:
            found.append(("second_source", "The second source must be another source."))
        if self.status == Status.ILLUSTRATIVE and not self.note_en.strip():
            found.append(("note_en", "Say why this value is illustrative: readers see it."))
        return found

    def clean(self):
        super().clean()
        errors: dict[str, list[str]] = {}
        for field, message in self.problems():
            errors.setdefault(field, []).append(message)
        if errors:
            raise ValidationError(errors)


class ParameterRule(SourcedRow):
    """A rule that reads one parameter of the record.

    With `value` set it fires once when the parameter equals that value; with `value`
    empty it fires once per unit of a count parameter (e.g. per month of arrears).
    """

    VALUE_FIELDS = ("parameter", "value")

    parameter = models.CharField(max_length=40, choices=PARAMETER_CHOICES)
    value = models.CharField(
        max_length=20, blank=True,
        help_text=_("Fires when the parameter has this value; empty = once per unit."))
    label = translated(models.CharField(max_length=200))

    class Meta:
        abstract = True

    def problems(self):
        found = super().problems()
        parameter = PARAMETERS_BY_NAME.get(self.parameter)
        if parameter is None:
            found.append(("parameter", f"Unknown parameter {self.parameter!r}."))
        elif self.value:
            try:
                parameter.parse(self.value)
            except ValueError as error:
                found.append(("value", str(error)))
        elif parameter.is_choice:
            found.append(("value", f"{self.parameter} is a choice: say which value fires."))
        return found


class Band(SourcedRow):
    """One grade or tier: a closed score range; None means open-ended at that side."""

    VALUE_FIELDS = ("min_score", "max_score")

    label = translated(models.CharField(max_length=60))
    min_score = models.IntegerField(null=True, blank=True)
    max_score = models.IntegerField(null=True, blank=True)
    summary = translated(models.CharField(max_length=300, blank=True))

    class Meta:
        abstract = True

    def problems(self):
        found = super().problems()
        if self.min_score is not None and self.max_score is not None \
                and self.min_score > self.max_score:
            found.append(("max_score", "The upper bound is below the lower bound."))
        return found

    def contains(self, score: float) -> bool:
        return ((self.min_score is None or score >= self.min_score)
                and (self.max_score is None or score < self.max_score + 1))


def band_problems(bands, low: int | None = None, high: int | None = None) -> list[str]:
    """Overlaps and gaps in a set of bands, as messages naming the bands.

    Bands are whole-number ranges, both ends included. With `low`/`high` given, the
    bands must cover exactly that scale; without them, the lowest band must be open
    downwards and the highest open upwards.
    """
    found = []
    ordered = sorted(bands, key=lambda b: (b.min_score is not None, b.min_score or 0))
    if not ordered:
        return ["There are no bands."]
    first, last = ordered[0], ordered[-1]
    if low is None:
        if first.min_score is not None:
            found.append(f"'{first.key}' is the lowest band: leave its minimum empty.")
    elif first.min_score != low:
        found.append(f"'{first.key}' should start at {low}, the bottom of the scale.")
    if high is None:
        if last.max_score is not None:
            found.append(f"'{last.key}' is the highest band: leave its maximum empty.")
    elif last.max_score != high:
        found.append(f"'{last.key}' should end at {high}, the top of the scale.")
    for lower, upper in zip(ordered, ordered[1:], strict=False):
        if lower.max_score is None or upper.min_score is None:
            found.append(f"'{lower.key}' and '{upper.key}' overlap: only the ends may be open.")
        elif upper.min_score <= lower.max_score:
            found.append(f"'{lower.key}' ({lower.min_score}-{lower.max_score}) overlaps "
                         f"'{upper.key}' ({upper.min_score}-{upper.max_score}).")
        elif upper.min_score > lower.max_score + 1:
            found.append(f"Gap between '{lower.key}' (ends {lower.max_score}) and "
                         f"'{upper.key}' (starts {upper.min_score}).")
    return found


class Feed(SourcedRow):
    """One part of the record that a system can see, and through which channel."""

    VALUE_FIELDS = ("system", "parameter", "channel_en")

    system = models.SlugField(
        max_length=20, help_text=_("sesame, blacklists, nosedive, or a points scheme's "
                                   "system key (rongcheng, suining, ...)."))
    parameter = models.CharField(max_length=40, choices=PARAMETER_CHOICES)
    channel = translated(models.CharField(
        max_length=200, help_text=_("How the data reaches the system.")))

    class Meta:
        ordering = ["system", "parameter"]
        constraints = [models.UniqueConstraint(fields=["system", "parameter"],
                                               name="one_feed_per_system_parameter")]


class Persona(Keyed):
    """A named example person: a preset record for the simulations."""

    name = translated(models.CharField(max_length=100))
    summary = translated(models.CharField(max_length=300))
    record = models.JSONField(default=dict, blank=True,
                              help_text=_("Parameters that differ from the defaults."))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "key"]

    def clean(self):
        if not isinstance(self.record, dict):
            raise ValidationError({"record": "Give the record as an object of parameters."})
        try:
            Record.parse(self.record)
        except RecordError as error:
            raise ValidationError({"record": list(error.errors.values())}) from None

    def get_record(self) -> Record:
        return Record.parse(self.record)

    def __str__(self):
        return self.name
