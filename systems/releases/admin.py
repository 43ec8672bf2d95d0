"""Publishing in the admin: the release form shows what it will publish; a major release
is proposed by one editor and approved by another; a release is never edited or deleted
once published (a proposal may be withdrawn)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from systems import engine
from systems.editing.impact import compare, everything
from systems.rows import Rows
from systems.translated import texts

from . import publishing
from .changes import diff
from .models import DataVersion, Release


class ReleaseForm(forms.ModelForm):
    class Meta:
        model = Release
        fields = ["kind", *Release.note.fields]

    def clean(self):
        cleaned = super().clean()
        if found := publishing.draft_refusals(cleaned.get("kind")):
            raise forms.ValidationError(found)
        return cleaned


def preview(release: Release | None) -> dict:
    """What a release (or, for None, the draft) publishes: its changes against the release
    before it, what readers would see change, and what would stop it."""
    before_release = release.previous() if release else Release.objects.latest_published()
    before = engine.rows(engine.of(before_release)) if before_release else None
    after = everything(Rows(release) if release else Rows())
    found = diff(before, after)
    return {"diff": found, "before_release": before_release,
            "impact": compare(before, after) if before is not None else None}


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    form = ReleaseForm
    list_display = ["__str__", "state", "kind", "note", "proposed_by", "published_by",
                    "self_approved"]
    list_filter = ["state", "kind"]
    change_form_template = "admin/releases/release/change_form.html"

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["kind", *Release.note.fields]
        return ["number", "state", "kind", *Release.note.fields, "proposed_by", "proposed_at",
                "published_by", "published_at", "self_approved"]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj) if obj else []

    def has_change_permission(self, request, obj=None):
        # A release is a point in history: shown, never edited (approval has its button).
        return False if obj is not None and request.method == "POST" and \
            "_approve" not in request.POST else super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # A proposal may be withdrawn; a published release stays.
        return obj is not None and not obj.is_published and \
            request.user.has_perm("releases.add_release")

    def save_model(self, request, obj, form, change):
        if change:
            return
        try:
            release = publishing.propose(obj.kind, texts(obj, "note"), request.user)
        except publishing.Refused as refused:  # the draft changed since the form checked
            raise PermissionDenied(" ".join(refused.messages)) from None
        obj.pk, obj.number, obj.state = release.pk, release.number, release.state

    def response_add(self, request, obj, post_url_continue=None):
        if obj.state == Release.State.PUBLISHED:
            self.message_user(request, _("Release %(n)s is published: readers, embeds and "
                                         "the API show it now.") % {"n": obj.number})
        else:
            self.message_user(request, _("The release is proposed. Another editor must "
                                         "approve it before readers see it."))
        return HttpResponseRedirect(f"../{obj.pk}/change/")

    def add_view(self, request, form_url="", extra_context=None):
        return super().add_view(request, form_url, {
            **(extra_context or {}), **preview(None),
            "refusals": publishing.draft_refusals()})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        release = self.get_object(request, object_id)
        if release is not None and request.method == "POST" and "_approve" in request.POST:
            if not request.user.has_perm("releases.approve_release"):
                raise PermissionDenied
            try:
                release = publishing.approve(release, request.user)
            except publishing.Refused as refused:
                for line in refused.messages:
                    self.message_user(request, line, messages.ERROR)
            else:
                self.message_user(request, _("Release %(n)s is published: readers, embeds "
                                             "and the API show it now.") % {"n": release.number})
            return HttpResponseRedirect(request.path)
        extra = dict(extra_context or {})
        if release is not None:
            extra.update(preview(release))
            if not release.is_published:
                extra["approval_refusals"] = publishing.approval_refusals(release, request.user)
                extra["can_approve"] = request.user.has_perm("releases.approve_release")
        return super().change_view(request, object_id, form_url, extra)


@admin.register(DataVersion)
class DataVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "changed_at", "release", "released_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
