"""What changed between two editions of the data, in lines a reader can follow.

A release's changes are exactly what it changed: the rows it publishes compared with the
rows of the release before it (net, so a value changed and changed back is no change).
Each change names the row, what happened to it (added, changed, removed), the fields that
changed (old → new, a related row by its key, sources as keys added or removed), the
editors' reasons recorded in its history since the earlier edition, and its sources. The
same comparison shows editors what the draft would publish.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from systems.rows import Rows

from .models import Release, data_models

QUIET_FIELDS = {"checked"}  # re-checking a row is counted, not listed
MODEL_SYSTEM = {"commercial": "sesame", "blacklists": "blacklists", "nosedive": "nosedive"}


@dataclass(frozen=True)
class FieldChange:
    field: str  # its name as readers read it
    old: str
    new: str
    name: str = ""  # the model field


def states_a_fact(change: Change) -> bool:
    """Whether a change alters what the data states (a value, a threshold, what a rule
    reads, a rule added or removed), not only its words, sources or notes."""
    from django.apps import apps
    values = getattr(apps.get_model(change.model), "VALUE_FIELDS", ())
    if not values:
        return False
    return change.action != "changed" or any(f.name in values for f in change.fields)


@dataclass(frozen=True)
class Change:
    what: str  # "adjustment 'rc-court-paid'"
    label: str  # the row's own label, name or city, if it has one
    action: str  # "added", "changed", "removed"
    fields: tuple[FieldChange, ...]
    reason: str
    systems: tuple[str, ...]
    source_keys: tuple[str, ...]
    when: datetime | None = None  # the latest recorded change among those it sums up
    model: str = ""  # "pilots.adjustment"
    key: str = ""


@dataclass(frozen=True)
class Diff:
    changes: tuple[Change, ...]
    rechecked: int  # rows whose only change is their checked date


def diff(before: Rows | None, after: Rows) -> Diff:
    """Every row added, changed or removed from `before` (None: nothing) to `after`."""
    found, rechecked = [], 0
    for model in data_models():
        old = {row.key: row for row in before.all(model)} if before is not None else {}
        new = {row.key: row for row in after.all(model)}
        touched = []
        for key in new.keys() | old.keys():
            a, b = old.get(key), new.get(key)
            if a is None:
                touched.append(("added", b, field_changes(model, None, b)))
            elif b is None:
                touched.append(("removed", a, ()))
            else:
                fields = field_changes(model, a, b)
                if fields:
                    touched.append(("changed", b, fields))
                elif any(getattr(a, f) != getattr(b, f) for f in QUIET_FIELDS
                         if hasattr(a, f)):
                    rechecked += 1
        if not touched:
            continue
        reasons = history_notes(model, [row.pk for _a, row, _f in touched], before, after)
        for action, row, fields in touched:
            reason, when = reasons.get(row.pk, ("", None))
            rows = before if action == "removed" else after
            found.append(Change(
                what=f"{model._meta.verbose_name} '{row.key}'", label=label_of(row),
                action=action, fields=fields, reason=reason,
                systems=systems_of(model, row, rows), source_keys=sources_of(row),
                when=when, model=model._meta.label_lower, key=row.key))
    # Newest first; a row with no recorded change (written around the ORM) last.
    found.sort(key=lambda c: c.when.timestamp() if c.when else float("-inf"), reverse=True)
    return Diff(tuple(found), rechecked)


def compared_fields(model) -> list:
    return [f for f in model._meta.concrete_fields
            if f.editable and not f.primary_key and f.name not in QUIET_FIELDS]


def field_changes(model, old, new) -> tuple[FieldChange, ...]:
    """The fields that differ, in words: a related row by its key, a choice by its label;
    many-to-many fields as the keys added and removed. For a new row (`old` None), only
    its sources (what a reader checks it against)."""
    changes = []
    if old is not None:
        for field in compared_fields(model):
            before, after = shown(field, old), shown(field, new)
            if before != after:
                changes.append(FieldChange(str(field.verbose_name), before, after, field.name))
    for field in model._meta.local_many_to_many:
        before = set() if old is None else {r.key for r in getattr(old, field.name).all()}
        after = {r.key for r in getattr(new, field.name).all()}
        if before != after:
            parts = [*(f"+{k}" for k in sorted(after - before)),
                     *(f"−{k}" for k in sorted(before - after))]
            changes.append(FieldChange(str(field.verbose_name), "", " ".join(parts),
                                       field.name))
    return tuple(changes)


def shown(field, row) -> str:
    """A field's value as a reader reads it: never an id, never a Python repr."""
    if field.is_relation:
        target = getattr(row, field.name)
        return getattr(target, "key", "") if target is not None else ""
    value = getattr(row, field.attname)
    if value is None:
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in sorted(value.items()))
    text = str(value)
    return text if len(text) <= 200 else text[:200] + "…"


def label_of(row) -> str:
    for name in ("label", "name", "city", "title"):
        if getattr(row, name, ""):
            return str(getattr(row, name))
    return ""


def sources_of(row) -> tuple[str, ...]:
    if getattr(row, "source", None) is not None:
        second = getattr(row, "second_source", None)
        return (row.source.key, *((second.key,) if second is not None else ()))
    if hasattr(row, "sources"):
        return tuple(s.key for s in row.sources.all())
    return ()


def systems_of(model, row, rows: Rows) -> tuple[str, ...]:
    """The systems a row belongs to (for a system page's list of changes)."""
    from systems.pilots.models import Grade, Pilot, Scheme
    label = model._meta.app_label
    if label in MODEL_SYSTEM:
        return (MODEL_SYSTEM[label],)
    if model._meta.model_name == "feed":
        return (row.system,)
    if model is Scheme:
        return (row.system,)
    if model is Pilot:
        return tuple(s.system for s in rows.all(Scheme) if s.pilot_id == row.pk)
    if label == "pilots":
        scheme = getattr(row, "scheme", None)
        if scheme is None and getattr(row, "grade_id", None):
            grade = rows.by_pk(Grade).get(row.grade_id)
            scheme = grade.scheme if grade is not None else None
        return (scheme.system,) if scheme is not None else ()
    return ()


def history_notes(model, pks, before: Rows | None, after: Rows) -> dict:
    """pk → (the editors' reasons, the time of the latest record) from the history
    recorded for these rows after `before` and up to `after` (a release: the records it
    froze, or for a row it removed, those before it was frozen; the draft: all since)."""
    low = before.history_ids(model) if before is not None and before.release else {}
    high = after.history_ids(model) if after.release else {}
    until = after.release.proposed_at if after.release else None
    pk = model._meta.pk.attname
    found: dict = {}
    records = model.history.filter(**{f"{pk}__in": pks}).order_by("history_id") \
        .values_list(pk, "history_id", "history_change_reason", "history_date")
    for owner, history_id, reason, when in records:
        if history_id <= low.get(owner, 0):
            continue
        if (owner in high and history_id > high[owner]) or (
                owner not in high and until is not None and when > until):
            continue
        reasons, latest = found.get(owner, ([], None))
        if reason and reason not in reasons:
            reasons.append(reason)
        found[owner] = (reasons, when if latest is None or when > latest else latest)
    return {owner: ("; ".join(reasons), when) for owner, (reasons, when) in found.items()}


def release_diff(release: Release) -> Diff:
    """What a release changed: its rows against the release before it."""
    from systems import engine
    previous = release.previous()
    before = engine.rows(engine.of(previous)) if previous is not None else None
    return diff(before, engine.rows(engine.of(release)) if release.is_published
                else Rows(release))


def draft_diff() -> Diff:
    """What publishing the draft now would change for readers."""
    from systems import engine
    latest = Release.objects.latest_published()
    before = engine.rows(engine.of(latest)) if latest is not None else None
    return diff(before, Rows())
