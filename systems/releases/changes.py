"""What changed in the rule data: history records, turned into lines a reader can follow.

A release covers every recorded change after the previous release and up to its own
publication. Each change names the row, what happened to it, the fields that changed
(old → new), the editor's reason and the row's source.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from .models import Release, data_models

QUIET_FIELDS = {"checked"}  # re-checking a row is not a change readers need to see
MODEL_SYSTEM = {"commercial": "sesame", "blacklists": "blacklists", "nosedive": "nosedive"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    when: datetime
    what: str  # "Adjustment 'rc-court-paid'"
    label: str  # the row's own label, if it has one
    action: str  # "added", "changed", "removed"
    fields: tuple[FieldChange, ...]
    reason: str
    systems: tuple[str, ...]
    source_key: str


def history_models() -> list:
    return [m.history.model for m in data_models()]


def systems_of(model, record) -> tuple[str, ...]:
    """The systems a row belongs to (for a system page's list of changes)."""
    label = model._meta.app_label
    if label in MODEL_SYSTEM:
        return (MODEL_SYSTEM[label],)
    if model._meta.model_name == "feed":
        return (record.system,)
    if label == "pilots":
        # Read through the history tables: a row deleted with its grade or scheme still
        # belongs to the system it belonged to.
        from systems.pilots.models import Grade, Scheme
        if model._meta.model_name == "scheme":
            return (record.system,)
        scheme_id = getattr(record, "scheme_id", None)
        if scheme_id is None and getattr(record, "grade_id", None):
            scheme_id = Grade.history.filter(id=record.grade_id).values_list(
                "scheme_id", flat=True).first()
        system = Scheme.history.filter(id=scheme_id).values_list("system", flat=True).first()
        return (system,) if system else ()
    return ()


def changes_between(start: datetime | None, end: datetime | None) -> list[Change]:
    """Every recorded data change in (start, end], newest first."""
    window = Q()
    if start is not None:
        window &= Q(history_date__gt=start)
    if end is not None:
        window &= Q(history_date__lte=end)
    from systems.models import Source
    source_keys = dict(Source.objects.values_list("pk", "key"))
    found = []
    for history in history_models():
        model = history.instance_type
        for record in history.objects.filter(window).select_related("history_user"):
            fields: tuple[FieldChange, ...] = ()
            if record.history_type == "~":
                previous = record.prev_record
                if previous is not None:
                    delta = record.diff_against(previous, excluded_fields=QUIET_FIELDS)
                    fields = tuple(FieldChange(str(model._meta.get_field(c.field).verbose_name),
                                               shown(c.old), shown(c.new))
                                   for c in delta.changes)
                    if not fields:
                        continue  # only re-checked
            found.append(Change(
                when=record.history_date,
                what=f"{model._meta.verbose_name} '{getattr(record, 'key', record.pk)}'",
                label=str(getattr(record, "label", "") or getattr(record, "name", "")
                          or getattr(record, "title", "")),
                action={"+": "added", "~": "changed", "-": "removed"}[record.history_type],
                fields=fields, reason=record.history_change_reason or "",
                systems=systems_of(model, record),
                source_key=source_keys.get(getattr(record, "source_id", None), "")))
    found.sort(key=lambda c: c.when, reverse=True)
    return found


def shown(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 200 else text[:200] + "…"


def release_changes(release: Release) -> list[Change]:
    previous = release.previous()
    return changes_between(previous.published_at if previous else None, release.published_at)


def unreleased() -> list[Change]:
    latest = Release.objects.first()
    return changes_between(latest.published_at if latest else None, None)
