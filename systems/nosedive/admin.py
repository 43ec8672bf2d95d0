from django.contrib import admin

from systems.editing.admin import SourcedAdmin

from .models import Baseline, RatingRule, Threshold


@admin.register(Baseline)
class BaselineAdmin(SourcedAdmin):
    extra_list_display = ["label", "rating"]

    def has_delete_permission(self, request, obj=None):
        return False  # the engine needs this row: edit it, don't delete it


@admin.register(RatingRule)
class RatingRuleAdmin(SourcedAdmin):
    extra_list_display = ["label", "parameter", "value", "stars", "downvote_multiplier"]


@admin.register(Threshold)
class ThresholdAdmin(SourcedAdmin):
    extra_list_display = ["label", "min_rating"]
