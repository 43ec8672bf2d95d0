from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from .models import Feed, Persona, Source, band_problems


class SourcedAdmin(admin.ModelAdmin):
    """Shared admin for rows that carry a source and a status."""

    list_filter = ["status"]
    search_fields = ["key", "note"]
    autocomplete_fields = ["source"]

    def get_list_display(self, request):
        return ["key", *getattr(self, "extra_list_display", []), "status", "source"]


class BandFormSet(BaseInlineFormSet):
    """Bands edited together must not overlap or leave gaps."""

    low: int | None = None
    high: int | None = None

    def clean(self):
        super().clean()
        bands = [form.instance for form in self.forms
                 if form.cleaned_data and not form.cleaned_data.get("DELETE")
                 and form.instance.key]
        problems = band_problems(bands, self.low, self.high) if bands else []
        if problems:
            raise ValidationError(problems)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["key", "title", "outlet", "published", "retrieved", "status"]
    list_filter = ["status", "outlet"]
    search_fields = ["key", "title", "outlet", "url", "read_at", "note"]


@admin.register(Feed)
class FeedAdmin(SourcedAdmin):
    extra_list_display = ["system", "parameter", "channel"]
    list_filter = ["system", "status"]


@admin.register(Persona)
class PersonaAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "summary", "order"]
    prepopulated_fields = {"key": ["name"]}
