"""The rule data at one point in time: every row of each model, foreign keys resolved.

Engines load their rules from a `Rows` and never query the database themselves, so the
same code reads the live tables (`Rows()`) or the data as it stood at a release
(`Rows(as_of=release.published_at)`, from django-simple-history's tables). Each model is
read with one query; related rows are joined in memory and rows are ordered as their
model's `Meta.ordering` says, the same way on every database.
"""

from __future__ import annotations

from datetime import datetime
from operator import attrgetter

from django.db import models


class Rows:
    def __init__(self, as_of: datetime | None = None):
        self.as_of = as_of
        self._rows: dict[type[models.Model], list] = {}

    def all(self, model: type[models.Model]) -> list:
        """Every row of `model`, its foreign keys to other data rows already attached."""
        if model not in self._rows:
            if self.as_of is None:
                rows = list(model._default_manager.all())
            else:
                rows = list(model.history.as_of(self.as_of))
            self._rows[model] = rows  # before joining: models may refer to themselves
            for field in model._meta.concrete_fields:
                if field.is_relation and field.many_to_one and getattr(
                        field.related_model._meta, "simple_history_manager_attribute", None):
                    by_pk = {row.pk: row for row in self.all(field.related_model)}
                    for row in rows:
                        target = getattr(row, field.attname)
                        field.set_cached_value(row, by_pk.get(target) if target else None)
            rows.sort(key=ordering_key(model))
        return self._rows[model]

    def one(self, model: type[models.Model]):
        """The single row of `model` (e.g. Nosedive's baseline); DoesNotExist otherwise."""
        rows = self.all(model)
        if len(rows) != 1:
            raise (model.DoesNotExist if not rows else model.MultipleObjectsReturned)(
                f"expected one {model._meta.object_name}, found {len(rows)}")
        return rows[0]


def ordering_key(model: type[models.Model]):
    """A sort key that follows `Meta.ordering` ("field", "-field", "fk__field"); empty
    values sort first in ascending order, as an open-ended lowest band should."""
    fields = list(model._meta.ordering) or ["pk"]

    def key(row):
        parts = []
        for name in fields:
            descending = name.startswith("-")
            path = name.lstrip("-").replace("__", ".")
            try:
                value = attrgetter(path)(row)
            except AttributeError:
                value = None
            if isinstance(value, models.Model):
                value = value.pk
            parts.append(Sortable(value, descending))
        parts.append(Sortable(row.pk, False))
        return parts
    return key


class Sortable:
    """One part of a sort key: None before anything, and an optional reverse order."""

    __slots__ = ("value", "descending")

    def __init__(self, value, descending: bool):
        self.value, self.descending = value, descending

    def _rank(self):
        return (self.value is not None, self.value if self.value is not None else 0)

    def __lt__(self, other: Sortable) -> bool:
        if self.descending:
            return other._rank() < self._rank()
        return self._rank() < other._rank()

    def __eq__(self, other) -> bool:
        return self._rank() == other._rank()
