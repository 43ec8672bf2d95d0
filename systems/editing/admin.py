"""The admin every data model shares: history with diffs and revert, a reason for every
change, the impact on the personas before a rule change is saved, and the review queue."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.options import ActionLocation, messages
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .forms import IMPACT_FIRST, ReasonForm, holding
from .impact import rehearse


def review_cutoff(months: int | None = None) -> datetime.date:
    """The date before which a row counts as not checked (default: REVIEW_AFTER_MONTHS)."""
    months = settings.REVIEW_AFTER_MONTHS if months is None else months
    today = timezone.localdate()
    month = today.month - 1 - months
    year, month = today.year + month // 12, month % 12 + 1
    for day in (today.day, 30, 29, 28):  # the 31st of a shorter month: its last day
        try:
            return today.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


class ReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", _("Not checked for %(months)s months") % {
            "months": settings.REVIEW_AFTER_MONTHS})]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.filter(checked__lt=review_cutoff())
        return queryset


class EditorAdmin(SimpleHistoryAdmin):
    """History, reasons and the impact preview for one data model."""

    form = ReasonForm
    change_form_template = "admin/editing/change_form.html"
    preview_impact = True  # rule rows: show the personas' verdicts before saving
    actions = ["mark_checked"]

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        if not any(field.name == "checked" for field in self.model._meta.get_fields()):
            actions.pop("mark_checked", None)  # personas, pilots: nothing to check
        return actions

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        reasons = getattr(request, "_hold", None)
        return holding(form, reasons) if reasons else form

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data.get("change_reason", "")
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        reason = form.cleaned_data.get("change_reason", "")
        for inline in formset.forms:
            inline.instance._change_reason = reason
            inline.instance._history_user = request.user
        super().save_formset(request, form, formset, change)

    def delete_model(self, request, obj):
        obj._change_reason = request.POST.get("change_reason") or "Deleted in the admin"
        super().delete_model(request, obj)

    def message_user(self, request, *args, **kwargs):
        if not getattr(request, "_rehearsing", False):
            super().message_user(request, *args, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        # Every save is rehearsed first (and rolled back): the rules must still hold
        # together as a set, as `manage.py check` and loaddata require. For a rule row, the
        # first press of Save then shows what the change would do to every persona's
        # verdict; the second press (with _impact_seen) saves.
        request._rehearsing = True
        response, impact = rehearse(lambda: self._changeform_view(
            request, object_id, form_url, extra_context))
        request._rehearsing = False
        if not isinstance(response, HttpResponseRedirect):
            return response  # the form has errors: show them as usual
        if impact.problems:
            request._hold = [_("Not saved: the rules would no longer hold together."),
                             *impact.problems]
        elif self.preview_impact and "_impact_seen" not in request.POST:
            request._hold, request._impact = [IMPACT_FIRST], impact
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, *args, **kwargs):
        context["impact"] = getattr(request, "_impact", None)
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.action(description=_("Mark as checked today"))
    def mark_checked(self, request, queryset):
        today = timezone.localdate()
        for row in queryset:
            row.checked = today
            row._change_reason = "Checked against its source"
            row._history_user = request.user
            row.save()
        self.message_user(request, _("%(n)d marked as checked today.") % {"n": len(queryset)},
                          messages.SUCCESS)


class SourcedAdmin(EditorAdmin):
    """A row that carries a source and a status."""

    list_filter = ["status", ReviewFilter]
    search_fields = ["key", "note"]
    autocomplete_fields = ["source"]

    def get_list_display(self, request):
        return ["key", *getattr(self, "extra_list_display", []), "status", "source", "checked"]
