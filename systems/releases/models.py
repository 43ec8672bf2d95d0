"""The state of the rule data as a whole: one stamp that moves on with every change."""

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """A single row: how many times the rule data has changed, and when it last did.

    Every save or delete in a systems app, and every `loaddata`, moves it on. Readers see
    the date as "rules as of"; caches and ETags key on the number.
    """

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "data version"

    def __str__(self):
        return f"data version {self.number} ({self.changed_at:%Y-%m-%d})"

    @classmethod
    def current(cls) -> "DataVersion":
        return cls.objects.get_or_create(pk=1)[0]

    @classmethod
    def bump(cls) -> None:
        updated = cls.objects.filter(pk=1).update(number=F("number") + 1,
                                                  changed_at=timezone.now())
        if not updated:
            cls.objects.get_or_create(pk=1, defaults={"number": 1})
        from .version import publish_after_commit
        publish_after_commit()


class Release(models.Model):
    """A dated, numbered release of the rule data, with a note for readers.

    Published by an editor. A release is a point in time: pinning `rules=<number>` computes
    every verdict with the data as it stood then (read from the history tables).
    """

    class Kind(models.TextChoices):
        MAJOR = "major", _("major: it changes what a reader would conclude")
        MINOR = "minor", _("minor: wording, a source link, a correction of detail")

    number = models.PositiveIntegerField(unique=True, editable=False)
    published_at = models.DateTimeField(default=timezone.now, editable=False)
    kind = models.CharField(max_length=5, choices=Kind.choices)
    note = models.TextField(help_text=_("What changed and why, in plain words for readers."))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, editable=False,
                                     related_name="+")
    data_version = models.PositiveBigIntegerField(
        editable=False, help_text=_("The data version this release captured."))

    class Meta:
        ordering = ["-number"]

    def __str__(self):
        return f"{_('Release')} {self.number} ({self.published_at:%Y-%m-%d})"

    @property
    def is_major(self) -> bool:
        return self.kind == self.Kind.MAJOR

    @classmethod
    @transaction.atomic
    def publish(cls, kind: str, note: str, user=None) -> "Release":
        record_missing_history()  # a release must be able to read every row as of now
        last = cls.objects.select_for_update().order_by("-number").first()
        release = cls.objects.create(
            number=(last.number + 1) if last else 1, kind=kind, note=note, published_by=user,
            data_version=DataVersion.current().number)
        DataVersion.bump()  # pages show the new release at once, on every server
        return release

    def previous(self) -> "Release | None":
        return Release.objects.filter(number__lt=self.number).order_by("-number").first()


def data_models() -> list:
    """The models whose rows decide what readers see (not their history tables)."""
    from django.apps import apps

    from systems.models import DATA_APPS
    return [m for m in apps.get_models() if m._meta.app_label in DATA_APPS and tracked(m)]


def record_missing_history() -> None:
    """Give every data row that has no history record one, as it is now (rows that existed
    before history was kept, or were written around the ORM)."""
    for model in data_models():
        recorded = model.history.values_list(model._meta.pk.attname, flat=True)
        missing = list(model._default_manager.exclude(pk__in=recorded))
        if missing:
            model.history.bulk_history_create(missing, default_change_reason="First recorded")


def tracked(model) -> bool:
    """Whether django-simple-history keeps this model's history (not a history table)."""
    return getattr(model._meta, "simple_history_manager_attribute", None) == "history"
