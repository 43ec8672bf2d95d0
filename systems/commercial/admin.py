from django.contrib import admin

from systems.editing.admin import ReviewFilter, SourcedAdmin

from .models import Dimension, Factor, Perk, Restriction, Tier


@admin.register(Dimension)
class DimensionAdmin(SourcedAdmin):
    extra_list_display = ["name", "weight", "start"]


@admin.register(Factor)
class FactorAdmin(SourcedAdmin):
    extra_list_display = ["label", "dimension", "parameter", "value", "points", "score_cap"]
    list_filter = ["dimension", "status", ReviewFilter, "parameter"]
    search_fields = ["key", "label", "note"]


@admin.register(Perk)
class PerkAdmin(SourcedAdmin):
    extra_list_display = ["label", "min_score", "requires_clean_record"]


@admin.register(Restriction)
class RestrictionAdmin(SourcedAdmin):
    extra_list_display = ["label", "parameter", "value"]


@admin.register(Tier)
class TierAdmin(SourcedAdmin):
    extra_list_display = ["label", "min_score", "max_score"]
