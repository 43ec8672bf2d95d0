"""Optimistic locking from the history every row keeps: no editor undoes another silently.

Every form for an existing row carries `based_on`, the id of the row's latest history
record when the editor opened it (kept as it is when a preview shows the form again). On
saving, the form compares the editor's input with that version (not with the row as it is
now), so `has_changed()` and `edited_fields()` name what this editor changed, and a
formset writes only those rows. If the row has moved on since (another editor saved it, a
fixture load, a revert), the save is refused, naming who changed it and when, with the
values as they are now beside the editor's own, which stay in the form. The refused form
carries the row as it is now where the editor changed nothing, and the new version, so
saving again, having seen the other change, is a deliberate choice.

django-concurrency does the same with a version column on every table; reading the version
from django-simple-history's records needs no new column, no migration of the fixtures,
and covers every way a row changes (admin, `loaddata`, shell), since all of them record
history.
"""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext as _


class VersionedRows:
    """A formset of VersionedForms: the rows' latest history records read once for every
    row instead of once per row (and, with `share_menus`, the menus of related rows: only
    for plain menus, not the admin's autocomplete widgets, which need their queryset)."""

    share_menus = False

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "records": self.latest_records,
                "menus": self.menus if self.share_menus else None}

    @cached_property
    def menus(self) -> dict:
        return {}

    @cached_property
    def latest_records(self) -> dict:
        from systems.releases.publishing import latest_ids
        model = self.model
        return {getattr(r, model._meta.pk.attname): r
                for r in model.history.filter(history_id__in=list(latest_ids(model).values()))}


def latest_record(instance):
    """The newest history record of a saved row, or None."""
    if instance is None or instance.pk is None:
        return None
    return type(instance).history.filter(
        **{type(instance)._meta.pk.attname: instance.pk}).order_by("-history_id").first()


class VersionField(forms.CharField):
    """The version the editor's copy is based on: it goes back and forth with the form
    (a preview shown again keeps it), moves on only when a refused form is shown with the
    row as it is now, and never counts as a change."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial, data):
        return False


class VersionedForm(forms.ModelForm):
    based_on = VersionField()

    def __init__(self, *args, records: dict | None = None, menus: dict | None = None,
                 **kwargs):
        """`records` (pk → latest history record) and `menus` (field → its choices) come
        from a formset, read once for all its rows."""
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            # Changes are judged against the version the editor opened, not against copies
            # of a default the page carried.
            field.show_hidden_initial = False
            if menus is not None and isinstance(field, forms.ModelChoiceField):
                if name not in menus:
                    menus[name] = list(field.choices)
                field.choices = menus[name]
        self.current_record = records.get(self.instance.pk) if records is not None \
            else latest_record(self.instance)
        self.fields["based_on"].initial = (
            str(self.current_record.history_id) if self.current_record else "")
        self.seen_record = None
        self.unversioned = False  # an existing row's form that names no version of it
        if self.is_bound and self.instance.pk is not None and self.current_record:
            seen = self.data.get(self.add_prefix("based_on"), "")
            if seen.isascii() and seen.isdigit():
                model = type(self.instance)
                self.seen_record = model.history.filter(
                    history_id=int(seen), **{model._meta.pk.attname: self.instance.pk}).first()
            if self.seen_record is None:
                self.unversioned = True
            else:
                # What the editor saw: their changes are their input against it.
                self.initial.update(self.values_of(self.seen_record))

    def values_of(self, record) -> dict:
        """A history record's values for this form's model fields."""
        many = {f.name for f in self.instance._meta.many_to_many}
        values = model_to_dict(record.instance, [n for n in self.fields if n not in many])
        for field in self.instance._meta.many_to_many:
            if field.name in self.fields:
                target = field.m2m_reverse_field_name()
                values[field.name] = [getattr(row, f"{target}_id")
                                      for row in getattr(record, field.name).all()]
        return {name: value for name, value in values.items() if name in self.fields}

    def edited_fields(self) -> list[str]:
        """The model fields this editor changed (not the reason or other form-only fields)."""
        model_fields = {f.name for f in self.instance._meta.get_fields()}
        return [name for name in self.changed_data if name in model_fields]

    @property
    def is_stale(self) -> bool:
        return (self.seen_record is not None and self.current_record is not None
                and self.seen_record.history_id != self.current_record.history_id)

    def clean(self):
        cleaned = super().clean()
        if self.unversioned:
            raise forms.ValidationError(_(
                "Not saved: this form does not say which version of the row it was opened "
                "on, so saving it could undo someone else's change. Reload the page and "
                "make your change again."), code="unversioned")
        if self.is_stale and self.edited_fields():
            message = self.conflict()
            self.merge()
            raise forms.ValidationError(message, code="stale")
        return cleaned

    def merge(self) -> None:
        """Shown again, the form holds the row as it is now, except where this editor
        changed something: their own changes stay, the other editor's fill the rest."""
        mine = set(self.edited_fields())
        data = self.data.copy()
        data[self.add_prefix("based_on")] = str(self.current_record.history_id)
        for name, value in self.values_of(self.current_record).items():
            if name in mine:
                continue
            key = self.add_prefix(name)
            value = self.fields[name].prepare_value(value)  # as the field shows it
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
                else:
                    data.pop(key, None)
            elif isinstance(value, dict):
                data[key] = json.dumps(value)
            elif isinstance(value, list):
                data.setlist(key, [str(v) for v in value])
            else:
                data[key] = "" if value is None else str(value)
        self.data = data

    def conflict(self) -> list[str]:
        """Who changed the row since the editor opened it, and what it holds now."""
        record = self.current_record
        who = getattr(record.history_user, "username", "") or _("someone without an account "
                                                                "(a fixture load or the shell)")
        when = date_format(localtime(record.history_date), "j F Y, H:i e")
        lines = [_("Not saved: %(who)s changed this row at %(when)s, after you opened it "
                   "(their reason: %(why)s). The form now shows the row as it is, with your "
                   "own changes kept; what they changed is listed here. Check it, then save "
                   "again.") % {"who": who, "when": when,
                                "why": record.history_change_reason or "—"}]
        now = self.values_of(record)
        seen = self.values_of(self.seen_record)
        for name, value in now.items():
            if seen.get(name) != value:
                field = self.fields[name]
                lines.append(_("%(field)s: now %(now)s (it was %(was)s when you opened it; "
                               "your form had %(yours)s).") % {
                    "field": field.label or name, "now": shown(field, value),
                    "was": shown(field, seen.get(name)),
                    "yours": shown(field, self.data.get(self.add_prefix(name), ""))})
        return lines


def shown(field, value) -> str:
    """A value as the editor knows it from the form: a choice by its label, a related
    row by its name."""
    if value in (None, "", []):
        return "—"
    try:
        if isinstance(field, forms.ModelMultipleChoiceField):
            return ", ".join(str(o) for o in field.queryset.filter(pk__in=value)) or "—"
        if isinstance(field, forms.ModelChoiceField):
            found = field.queryset.filter(pk=value).first()
            return str(found) if found is not None else str(value)
    except (ValueError, TypeError, ValidationError):  # what an editor typed, not an id
        return f"“{value}”"
    if getattr(field, "choices", None) and not isinstance(field, forms.ModelChoiceField):
        return str(dict(field.choices).get(value, value))
    return f"“{value}”"
