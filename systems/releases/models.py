"""The state of the rule data as a whole: one stamp that moves on with every change."""

from django.db import models
from django.db.models import F
from django.utils import timezone


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
