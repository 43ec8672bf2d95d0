"""The admin every data model shares: history with diffs and revert, a reason for every
change, optimistic locking, the impact on what readers see before anything is saved, and
the same set checks on every road that writes (save, revert, delete, bulk actions).

Every write is rehearsed first, in a transaction that is rolled back: if the rules would
no longer hold together as a set (`manage.py check`), the write is refused, naming the
problems it would cause apart from those already there; for a rule, the first press of
Save shows the change's impact, and the second saves. Saving changes the draft: readers
see it once a release is published.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.options import ActionLocation, messages
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from systems.translated import columns

from .forms import (
    IMPACT_FIRST,
    ConfirmedInlineFormSet,
    ReasonForm,
    SourcedForm,
    holding,
    impact_digest,
    previewed,
    previewing,
)
from .impact import checked, rehearse
from .review import checked_today, review_cutoff, source_rows


class ReviewFilter(admin.SimpleListFilter):
    title = gettext_lazy("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", _("Not checked for %(months)s months") % {
            "months": settings.REVIEW_AFTER_MONTHS})]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.filter(checked__lt=review_cutoff())
        return queryset


def refusal(impact) -> list[str]:
    """Why a rehearsed write is refused: the problems it would cause, then those that were
    there already (and block every write until someone fixes them)."""
    found = []
    if impact.caused:
        found += [_("Not saved: this change would leave the rules inconsistent:"),
                  *impact.caused]
    if impact.existing:
        found += [_("Not saved: the rules were already inconsistent before this change, "
                    "and it does not fix it. Fix this first (its row's own page says "
                    "more):"), *impact.existing]
    return found


class EditorAdmin(SimpleHistoryAdmin):
    """History, reasons, locking, checks and the impact preview for one data model."""

    form = ReasonForm
    change_form_template = "admin/editing/change_form.html"
    object_history_form_template = "admin/editing/revert_form.html"
    delete_confirmation_template = "admin/editing/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/editing/delete_selected_confirmation.html"
    preview_impact = True  # rule rows: show what readers would see change before saving
    actions = ["mark_checked", "delete_selected"]
    # On a row's History page: by which road each change came, and who ran a fixture load.
    history_list_display = ["history_via", "history_by"]

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        if not any(field.name == "checked" for field in self.model._meta.get_fields()):
            actions.pop("mark_checked", None)  # personas: nothing to check
        return actions

    def get_search_fields(self, request):
        """A translated field is searched in every language."""
        return [column for name in super().get_search_fields(request)
                for column in columns(self.model, name)]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if reasons := getattr(request, "_hold", None):
            return holding(form, reasons)
        if getattr(request, "_preview", False):
            return previewing(form)
        return form

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get("change_reason", "")
        if change and not form.edited_fields():
            return  # only its inlines changed: leave the row (and whoever changed it) be
        if isinstance(form, SourcedForm):
            form.confirm_source(obj, reason, request.user)
        obj._change_reason = reason
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        reason = form.cleaned_data.get("change_reason", "")
        for inline in formset.forms:
            inline.instance._change_reason = reason
            inline.instance._history_user = request.user
        if isinstance(formset, ConfirmedInlineFormSet) and isinstance(form, SourcedForm):
            for inline, _names in formset.value_edits():  # confirmed with the parent's box
                form.confirm_source(inline.instance, reason, request.user, force=True)
        super().save_formset(request, form, formset, change)

    def message_user(self, request, *args, **kwargs):
        held = getattr(request, "_held_messages", None)
        if held is not None:
            held.append((args, kwargs))  # said once the change is committed
        elif not getattr(request, "_rehearsing", False):
            super().message_user(request, *args, **kwargs)

    def guarded(self, request, run):
        """Run a view that saves, checked as a set: refuse it if the rules would not hold
        together. For a rule, the first press of Save rehearses the change (rolled back) to
        show its impact; the second saves, checked inside its own transaction."""
        if self.preview_impact and not previewed(request.POST):
            request._rehearsing = True
            try:
                response, impact = rehearse(run)
            finally:
                request._rehearsing = False
            if not isinstance(response, HttpResponseRedirect):
                return response  # the form has errors (a stale copy among them): show them
            request._impact = impact
            if impact.problems:
                request._hold = refusal(impact)
            else:
                request._preview = True
            return run()
        def held(impact):  # the same form again, refusing, with the problems named
            request._hold = refusal(impact)
            return run()
        return self.checked_write(request, run, held)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        return self.guarded(request, lambda: super(EditorAdmin, self).changeform_view(
            request, object_id, form_url, extra_context))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Revert: the same checks, impact preview and locking as a save, and the same
        permission (django-simple-history lets anyone who may view a row post it)."""
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        if not self.has_change_permission(request, self.get_object(request, object_id)):
            raise PermissionDenied
        return self.guarded(request, lambda: super(EditorAdmin, self).history_form_view(
            request, object_id, version_id, extra_context))

    def impact_context(self, request) -> dict:
        preview = getattr(request, "_preview", False)
        return {"impact": getattr(request, "_impact", None), "previewing": preview,
                "impact_first": IMPACT_FIRST if preview else "",
                "impact_digest": impact_digest(request.POST) if preview else ""}

    def render_change_form(self, request, context, *args, **kwargs):
        context.update(self.impact_context(request))
        return super().render_change_form(request, context, *args, **kwargs)

    def render_history_view(self, request, template, context, **kwargs):
        context.update(self.impact_context(request))
        return super().render_history_view(request, template, context, **kwargs)

    # Deleting: the same checks, and the impact on the confirmation page.

    def rehearse_delete(self, request, queryset):
        """The impact of deleting these rows, or None when they cannot be deleted."""
        request._rehearsing = True
        try:
            return rehearse(lambda: self.delete_queryset(request, queryset))[1]
        except (ProtectedError, RestrictedError):
            return None
        finally:
            request._rehearsing = False

    def delete_view(self, request, object_id, extra_context=None):
        if request.method == "POST":  # the delete itself, checked in its transaction
            return self.checked_write(request, lambda: super(EditorAdmin, self).delete_view(
                request, object_id, extra_context), lambda impact: self.refuse(
                request, impact, HttpResponseRedirect(request.path)))
        obj = self.get_object(request, object_id)  # the confirmation page, with the impact
        impact = None
        if obj is not None and self.has_delete_permission(request, obj):
            impact = self.rehearse_delete(request, self.model._default_manager.filter(
                pk=obj.pk))
        return super().delete_view(request, object_id, {**(extra_context or {}),
                                                        "impact": impact})

    def checked_write(self, request, write, refused):
        """Make a write (an admin view that redirects, or an action that returns None)
        checked as a set inside its own transaction; its messages are said once it is
        committed. Refused and rolled back: `refused(impact)`."""
        request._held_messages = []
        response, impact = checked(write, keep=lambda r: isinstance(r, HttpResponseRedirect)
                                   or r is None)
        held, request._held_messages = request._held_messages, None
        if impact is not None:
            return refused(impact)
        for args, kwargs in held:
            self.message_user(request, *args, **kwargs)
        return response

    def refuse(self, request, impact, response=None):
        """Say why a write is refused, as messages (a page with no form to show it)."""
        for line in refusal(impact):
            self.message_user(request, line, messages.ERROR)
        return response

    def delete_model(self, request, obj):
        obj._change_reason = request.POST.get("change_reason", "").strip()[:100] or _(
            "Deleted in the admin")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        reason = request.POST.get("change_reason", "").strip()[:100] or _("Deleted in the admin")
        for row in queryset:
            row._change_reason = reason
            row._history_user = request.user
            row.delete()

    @admin.action(description=gettext_lazy("Delete selected %(verbose_name_plural)s"),
                  permissions=["delete"])
    def delete_selected(self, request, queryset):
        """Django's, with the rules checked as a set and the impact on the confirmation
        page; refused when the rules would not hold together."""
        if request.POST.get("post"):  # the delete itself, checked in its transaction
            return self.checked_write(request, lambda: django_delete_selected(
                self, request, queryset), lambda impact: self.refuse(request, impact))
        impact = self.rehearse_delete(request, queryset)
        if impact is not None and impact.problems:
            return self.refuse(request, impact)
        request.editing_impact = impact  # the confirmation page shows it
        return django_delete_selected(self, request, queryset)

    @admin.action(description=gettext_lazy("Mark as checked today"), permissions=["change"])
    def mark_checked(self, request, queryset):
        """Asks first, listing each row with its source; then marks the rows checked and
        their sources read today, with the same checks as a save."""
        reason = request.POST.get("change_reason", "").strip() or _(
            "Checked against its source")
        rows = list(queryset)
        if request.POST.get("confirm") == "yes":
            _result, refused = checked(lambda: checked_today(rows, request.user, reason))
            if refused is not None:
                return self.refuse(request, refused)
            self.message_user(request, _("%(n)d marked as checked today.") % {"n": len(rows)},
                              messages.SUCCESS)
            return None
        request._rehearsing = True
        try:
            _result, impact = rehearse(lambda: checked_today(rows, request.user, reason))
        finally:
            request._rehearsing = False
        return TemplateResponse(request, "admin/editing/mark_checked.html", {
            **self.admin_site.each_context(request),
            "title": _("Mark as checked today"), "opts": self.model._meta,
            "rows": [(row, source_rows(row)) for row in rows], "impact": impact,
            "refusal": refusal(impact), "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "reason": reason})


class SourcedAdmin(EditorAdmin):
    """A row that carries a source and a status: a changed value asks for its source."""

    form = SourcedForm
    list_filter = ["status", ReviewFilter]
    search_fields = ["key", "note"]
    autocomplete_fields = ["source", "second_source"]
    SOURCE_FIELDS = ("source", "second_source", "locator", "status", "note", "checked",
                     "source_checked", "source_retrieved")

    def get_list_display(self, request):
        return ["key", *getattr(self, "extra_list_display", []), "status", "source", "checked"]

    def get_fieldsets(self, request, obj=None):
        source_fields = [c for name in self.SOURCE_FIELDS for c in columns(self.model, name)]
        fields = [f for f in self.get_fields(request, obj)
                  if f not in source_fields and f not in ("change_reason", "based_on")]
        return [(None, {"fields": fields}),
                (_("Its source"), {"fields": source_fields,
                                   "description": _("When you change a value, confirm the "
                                                    "source that states it.")}),
                (_("Why"), {"fields": ["change_reason", "based_on"]})]
