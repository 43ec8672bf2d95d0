from django.contrib import admin

from systems.admin import BandFormSet, SourcedAdmin

from .models import Adjustment, Consequence, Grade, Pilot, Scheme, SchemePart


@admin.register(Pilot)
class PilotAdmin(admin.ModelAdmin):
    list_display = ["city", "province", "kind", "state", "started", "ended"]
    list_filter = ["kind", "state", "province"]
    search_fields = ["city", "city_zh", "province", "key"]
    filter_horizontal = ["sources"]


class GradeInline(admin.TabularInline):
    model = Grade
    formset = BandFormSet
    extra = 0
    autocomplete_fields = ["source"]


class PartInline(admin.TabularInline):
    model = SchemePart
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Scheme)
class SchemeAdmin(SourcedAdmin):
    extra_list_display = ["name", "system", "base_score"]
    inlines = [PartInline, GradeInline]

    def has_delete_permission(self, request, obj=None):
        return False  # the engine needs this row: edit it, don't delete it


@admin.register(Adjustment)
class AdjustmentAdmin(SourcedAdmin):
    extra_list_display = ["label", "scheme", "parameter", "value", "points", "grade_cap"]
    list_filter = ["scheme", "status"]


@admin.register(Consequence)
class ConsequenceAdmin(SourcedAdmin):
    extra_list_display = ["label", "grade", "kind"]
