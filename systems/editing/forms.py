"""The editors' forms: every change says why, is based on a known version of its row, and
a changed value comes with its source."""

from __future__ import annotations

import hashlib
import json

from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from systems.models import Source

from .review import read_sources
from .versions import VersionedForm, VersionedRows

REASON_HELP = _("Readers see this on What changed, as “Why: …”; it is kept in the row's "
                "history too. For example: “Rongcheng's 2024 schedule, Art. 3”.")


class ReasonForm(VersionedForm):
    """Every change says why; the reason is kept in the row's history and shown to readers."""

    change_reason = forms.CharField(label=_("Reason for this change"), max_length=100,
                                    help_text=REASON_HELP)


class SourcedForm(ReasonForm):
    """A row that states a fact: changing its value asks for its source with it."""

    source_checked = forms.BooleanField(
        required=False, label=_("I checked the new value against its source"),
        help_text=_("Needed when you change a value: the source above states it, at the "
                    "place named in Locator."))
    source_retrieved = forms.DateField(
        required=False, label=_("When I read the source"),
        help_text=_("Becomes the row's checked date and the source's retrieved date."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_retrieved"].initial = timezone.localdate()

    def value_edits(self) -> list[str]:
        """The fields stating the fact that this editor changed (on an existing row)."""
        if self.instance.pk is None:
            return []
        return [n for n in self.edited_fields() if n in type(self.instance).VALUE_FIELDS]

    def clean(self):
        cleaned = super().clean()
        retrieved = cleaned.get("source_retrieved")
        if retrieved and retrieved > timezone.localdate():
            self.add_error("source_retrieved", _("That date has not come yet."))
        if self.value_edits() and not cleaned.get("source_checked"):
            names = ", ".join(str(self.fields[n].label) for n in self.value_edits())
            self.add_error("source_checked", _(
                "You changed %(fields)s: confirm the source for the new value. Keep the "
                "source or choose the one that states it, say where in it (Locator) and "
                "when you read it, then tick this box.") % {"fields": names})
        return cleaned

    def confirm_source(self, instance, reason: str, user, force: bool = False) -> None:
        """Record the confirmation: the row was checked, and its source read, that day
        (`force`: a row edited with this one, on the same confirmation)."""
        if not force and not self.value_edits():
            return
        day = self.cleaned_data.get("source_retrieved") or timezone.localdate()
        instance.checked = day
        if instance.source_id:
            read_sources([instance.source_id], day, reason, user)


# What a page posts besides the change itself: the token, and which button was pressed.
NOT_THE_CHANGE = {"csrfmiddlewaretoken", "_impact_seen", "_save", "_continue", "_addanother"}


def impact_digest(data) -> str:
    """A short fingerprint of what a form posts: the preview's second press saves only the
    very change the editor saw the impact of (edit anything, and the preview comes again)."""
    getlist = getattr(data, "getlist", None)
    items = sorted((key, [str(v) for v in (getlist(key) if getlist else (
        data[key] if isinstance(data[key], list | tuple) else [data[key]]))])
        for key in data if key not in NOT_THE_CHANGE)
    return hashlib.sha256(json.dumps(items).encode()).hexdigest()[:20]


def previewed(data) -> bool:
    return data.get("_impact_seen", "") == impact_digest(data)


def ticked(data, name: str = "source_checked") -> bool:
    """A checkbox as Django reads it (`false`, `0` or nothing: not ticked)."""
    return forms.CheckboxInput().value_from_datadict(data, {}, name)


IMPACT_FIRST = _("Nothing is saved yet. Above is what this change would do to what readers "
                 "see; press Save again to save it, or change the form.")


def holding(form_class, reasons):
    """The same form, refusing to save for these reasons (shown as errors): the change
    would leave the rules inconsistent as a set."""

    class Held(form_class):
        def clean(self):
            cleaned = super().clean()
            raise forms.ValidationError([forms.ValidationError(str(r), code="held")
                                         for r in reasons])
            return cleaned
    Held.__name__ = form_class.__name__
    return Held


def previewing(form_class):
    """The same form, not saving this time, with no error: the editor is shown the
    change's impact first (the page says so), and saves by pressing Save again."""

    class Previewing(form_class):
        def is_valid(self):
            super().is_valid()
            return False
    Previewing.__name__ = form_class.__name__
    return Previewing


class SourceKeyField(forms.CharField):
    """A source named by its key (with a list of keys to choose from), where a menu of
    every source's full title in every row would make a page of half a megabyte."""

    def __init__(self, keys: dict, **kwargs):
        super().__init__(**kwargs)
        self.keys = keys  # pk → key, read once for the page
        self.widget.attrs.update({"list": "source-keys", "size": 18})

    def prepare_value(self, value):
        if isinstance(value, Source):
            return value.key
        if isinstance(value, int):
            return self.keys.get(value)
        return value

    def to_python(self, value):
        key = super().to_python(value).strip()
        if not key:
            return None
        found = Source.objects.filter(key=key).first()
        if found is None:
            raise forms.ValidationError(_("There is no source with the key %(key)s."),
                                        params={"key": key}, code="invalid_choice")
        return found

    def has_changed(self, initial, data):
        return (self.prepare_value(initial) or "") != (data or "").strip()


class ConfirmedInlineFormSet(VersionedRows, BaseInlineFormSet):
    """Rows edited with their parent (a scheme's grades, a list's sanctions): a changed
    value asks for its source too, with the parent form's "I checked" box."""

    def value_edits(self) -> list[tuple]:
        fields = getattr(self.model, "VALUE_FIELDS", ())
        return [(form, names) for form in self.forms if form.instance.pk is not None
                and getattr(form, "cleaned_data", None) is not None
                and (names := [n for n in form.edited_fields() if n in fields])]

    def clean(self):
        super().clean()
        if (edits := self.value_edits()) and not ticked(self.data):
            raise forms.ValidationError(_(
                "You changed a value in %(rows)s: confirm that each row's source states the "
                "new value, and tick “I checked the new value against its source” below.") % {
                "rows": ", ".join(f"{f.instance.key} ({', '.join(n)})" for f, n in edits)})
