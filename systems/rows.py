"""The rule data of one edition: every row of each model, relations resolved in memory.

Engines, checks, the impact preview and the reader pages read their data from a `Rows`
and never query the tables themselves, so the same code reads the draft (`Rows()`, the
tables editors change) or a published release (`Rows(release)`: exactly the history
records the release froze when it was published, from django-simple-history's tables).
Each model is read with one query; foreign keys and many-to-many fields to other data
rows are attached in memory (a template's `pilot.sources.all` makes no query), and rows
are ordered as their model's `Meta.ordering` says, the same way on every database.
"""

from __future__ import annotations

from operator import attrgetter

from django.db import models


def tracked(model) -> bool:
    """Whether django-simple-history keeps this model's history (not a history table)."""
    return getattr(model._meta, "simple_history_manager_attribute", None) == "history"


def manifest_key(model) -> str:
    return model._meta.label_lower


def many_history(model, field):
    """The history table of one many-to-many field (a pilot's sources)."""
    return next(rel.related_model for rel in model.history.model._meta.related_objects
                if rel.related_model._meta.object_name.endswith(f"_{field.name}"))


class Rows:
    def __init__(self, release=None):
        self.release = release
        self._rows: dict[type[models.Model], list] = {}
        self._history: dict[type[models.Model], list] = {}

    def all(self, model: type[models.Model]) -> list:
        """Every row of `model`, its relations to other data rows already attached."""
        if model not in self._rows:
            rows = self._read(model)
            self._rows[model] = rows  # before joining: models may refer to themselves
            for field in model._meta.concrete_fields:
                if field.is_relation and field.many_to_one and tracked(field.related_model):
                    by_pk = self.by_pk(field.related_model)
                    for row in rows:
                        target = getattr(row, field.attname)
                        field.set_cached_value(row, by_pk.get(target) if target else None)
            for field in model._meta.local_many_to_many:
                self._attach_many(model, field, rows)
            rows.sort(key=ordering_key(model))
        return self._rows[model]

    def by_pk(self, model) -> dict:
        return {row.pk: row for row in self.all(model)}

    def by_key(self, model) -> dict:
        return {row.key: row for row in self.all(model)}

    def one(self, model: type[models.Model]):
        """The single row of `model` (e.g. Nosedive's baseline); DoesNotExist otherwise."""
        rows = self.all(model)
        if len(rows) != 1:
            raise (model.DoesNotExist if not rows else model.MultipleObjectsReturned)(
                f"expected one {model._meta.object_name}, found {len(rows)}")
        return rows[0]

    def history_ids(self, model) -> dict:
        """pk → the id of the history record each row was read from (a release only)."""
        self.all(model)
        return {record.instance.pk: record.history_id for record in self._history.get(model, [])}

    def _read(self, model) -> list:
        if self.release is None:
            return list(model._default_manager.all())
        ids = self.release.contents.get(manifest_key(model), [])
        records = list(model.history.filter(history_id__in=ids)) if ids else []
        self._history[model] = records
        rows = []
        for record in records:
            row = record.instance
            row._state.adding = False
            rows.append(row)
        return rows

    def _attach_many(self, model, field, rows) -> None:
        """Fill each row's many-to-many cache (`row.sources.all()`), as prefetch does."""
        through = field.remote_field.through
        source_name = field.m2m_field_name()  # the column naming our row
        target_name = field.m2m_reverse_field_name()
        targets = self.by_pk(field.related_model)
        linked: dict = {row.pk: [] for row in rows}
        if self.release is None:
            pairs = through.objects.values_list(f"{source_name}_id", f"{target_name}_id")
        else:
            by_history = {record.history_id: record.instance.pk
                          for record in self._history.get(model, [])}
            history_through = many_history(model, field)
            pairs = [(by_history[history], target) for history, target in
                     history_through.objects.filter(history_id__in=list(by_history))
                     .values_list("history_id", f"{target_name}_id")]
        for owner, target in pairs:
            if owner in linked and target in targets:
                linked[owner].append(targets[target])
        for row in rows:
            queryset = getattr(row, field.name).all()
            queryset._result_cache = sorted(linked[row.pk], key=ordering_key(field.related_model))
            queryset._prefetch_done = True
            row._prefetched_objects_cache = {
                **getattr(row, "_prefetched_objects_cache", {}),
                field.name: queryset}

    def load_all(self, models_) -> Rows:
        for model in models_:
            self.all(model)
        return self


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
