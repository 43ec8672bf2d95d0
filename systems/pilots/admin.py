from django.contrib import admin

from systems.admin import BandFormSet
from systems.editing.admin import EditorAdmin, ReviewFilter, SourcedAdmin
from systems.editing.forms import ConfirmedInlineFormSet
from systems.editing.versions import VersionedForm

from .models import Adjustment, Consequence, Grade, Pilot, Scheme, SchemePart


@admin.register(Pilot)
class PilotAdmin(EditorAdmin):
    list_display = ["city", "province", "kind", "state", "started", "ended"]
    list_filter = ["kind", "state", "province"]
    search_fields = ["city", "city_zh", "province", "key", "summary"]
    filter_horizontal = ["sources"]
    preview_impact = False  # the registry feeds the map, not the verdicts


class GradeInline(admin.TabularInline):
    model = Grade
    form = VersionedForm  # each row locked to the version the editor opened
    formset = BandFormSet
    extra = 0
    autocomplete_fields = ["source", "second_source"]


class PartInline(admin.TabularInline):
    model = SchemePart
    form = VersionedForm  # each row locked to the version the editor opened
    formset = ConfirmedInlineFormSet  # a changed value asks for its source
    extra = 0
    autocomplete_fields = ["source", "second_source"]


class AdjustmentInline(admin.TabularInline):
    model = Adjustment
    form = VersionedForm  # each row locked to the version the editor opened
    formset = ConfirmedInlineFormSet  # a changed value asks for its source
    extra = 0
    autocomplete_fields = ["source", "second_source"]
    fk_name = "scheme"


@admin.register(Scheme)
class SchemeAdmin(SourcedAdmin):
    extra_list_display = ["name", "system", "base_score"]
    list_filter = ["system", "status", ReviewFilter]
    inlines = [PartInline, GradeInline, AdjustmentInline]

    def has_delete_permission(self, request, obj=None):
        return False  # the engine needs this row: edit it, don't delete it


@admin.register(Adjustment)
class AdjustmentAdmin(SourcedAdmin):
    extra_list_display = ["label", "scheme", "parameter", "value", "points", "grade_cap"]
    list_filter = ["scheme__system", "status", ReviewFilter, "parameter"]
    search_fields = ["key", "label", "note"]


@admin.register(Grade)
class GradeAdmin(SourcedAdmin):
    extra_list_display = ["label", "scheme", "min_score", "max_score"]
    list_filter = ["scheme__system", "status", ReviewFilter]


@admin.register(Consequence)
class ConsequenceAdmin(SourcedAdmin):
    extra_list_display = ["label", "grade", "kind"]
    list_filter = ["grade__scheme__system", "kind", "status", ReviewFilter]


@admin.register(SchemePart)
class SchemePartAdmin(SourcedAdmin):
    extra_list_display = ["label", "scheme", "points"]
