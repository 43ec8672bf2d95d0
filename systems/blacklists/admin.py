from django.contrib import admin

from systems.admin import SourcedAdmin

from .models import Blacklist, ListingRule, Sanction


class ListingRuleInline(admin.TabularInline):
    model = ListingRule
    extra = 0
    autocomplete_fields = ["source"]


class SanctionInline(admin.TabularInline):
    model = Sanction
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Blacklist)
class BlacklistAdmin(SourcedAdmin):
    extra_list_display = ["name", "authority"]
    inlines = [ListingRuleInline, SanctionInline]
