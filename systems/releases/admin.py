from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import DataVersion, Release


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    """Publishing a release: choose major or minor and write the note. A release is a
    point in history, so it is never edited or deleted afterwards."""

    list_display = ["number", "published_at", "kind", "note", "published_by"]
    list_filter = ["kind"]
    fields = ["kind", "note"]
    readonly_fields: list = []

    def has_change_permission(self, request, obj=None):
        return False if obj is not None and request.method == "POST" else \
            super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return ["number", "published_at", "kind", "note", "published_by"] if obj else []

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj) if obj else ["kind", "note"]

    def save_model(self, request, obj, form, change):
        if change:
            return
        release = Release.publish(obj.kind, obj.note, request.user)
        obj.pk, obj.number = release.pk, release.number

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(request, _("Release %(n)s is published. Readers see it on “What "
                                     "changed”.") % {"n": obj.number})
        return super().response_add(request, obj, post_url_continue)


@admin.register(DataVersion)
class DataVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "changed_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
