from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .editing.admin import EditorAdmin, ReviewFilter, SourcedAdmin
from .editing.forms import ConfirmedInlineFormSet
from .models import Feed, Persona, Source, band_problems


class BandFormSet(ConfirmedInlineFormSet):
    """Bands edited together must not overlap or leave gaps."""

    low: int | None = None
    high: int | None = None

    def clean(self):
        problems = []
        try:
            super().clean()  # a changed value must come with its source
        except ValidationError as error:
            problems += error.messages
        bands = [form.instance for form in self.forms
                 if form.cleaned_data and not form.cleaned_data.get("DELETE")
                 and form.instance.key]
        problems += band_problems(bands, self.low, self.high) if bands else []
        if problems:
            raise ValidationError(problems)


@admin.register(Source)
class SourceAdmin(EditorAdmin):
    list_display = ["key", "title", "outlet", "published", "kind", "language", "status",
                    "checked"]
    list_filter = ["status", "kind", "language", ReviewFilter, "outlet"]
    search_fields = ["key", "title", "outlet", "url", "read_at", "note"]
    preview_impact = False  # a source's text changes no verdict

    def get_deleted_objects(self, objs, request):
        """A cited source stays (readers' footnotes, pilots and rules point at it): the
        confirmation page says what cites it, instead of asking to delete it."""
        deleted, counts, perms, protected = super().get_deleted_objects(objs, request)
        for source in objs:
            if cited := source.cited_by():
                protected = [*protected, _("source '%(key)s' is cited by %(what)s") % {
                    "key": source.key, "what": "; ".join(cited)}]
        return deleted, counts, perms, protected

    def get_readonly_fields(self, request, obj=None):
        return ["cited"] if obj else []

    @admin.display(description=_("Cited by"))
    def cited(self, obj):
        return "; ".join(obj.cited_by()) or _("nothing (it may be deleted)")


@admin.register(Feed)
class FeedAdmin(SourcedAdmin):
    extra_list_display = ["system", "parameter", "channel"]
    list_filter = ["system", "status", ReviewFilter]


@admin.register(Persona)
class PersonaAdmin(EditorAdmin):
    list_display = ["name", "key", "summary", "order"]
    prepopulated_fields = {"key": ["name_en"]}
    preview_impact = False
