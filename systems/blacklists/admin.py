from django.contrib import admin

from systems.editing.admin import ReviewFilter, SourcedAdmin
from systems.editing.forms import ConfirmedInlineFormSet
from systems.editing.versions import VersionedForm

from .models import Blacklist, ListingRule, Memorandum, Sanction


class ListingRuleInline(admin.TabularInline):
    model = ListingRule
    form = VersionedForm  # each row locked to the version the editor opened
    formset = ConfirmedInlineFormSet  # a changed value asks for its source
    extra = 0
    autocomplete_fields = ["source", "second_source"]


class SanctionInline(admin.TabularInline):
    model = Sanction
    form = VersionedForm  # each row locked to the version the editor opened
    formset = ConfirmedInlineFormSet  # a changed value asks for its source
    extra = 0
    autocomplete_fields = ["source", "second_source"]


@admin.register(Blacklist)
class BlacklistAdmin(SourcedAdmin):
    extra_list_display = ["name", "authority"]
    inlines = [ListingRuleInline, SanctionInline]


@admin.register(ListingRule)
class ListingRuleAdmin(SourcedAdmin):
    extra_list_display = ["label", "blacklist", "parameter", "value", "listed"]
    list_filter = ["blacklist", "status", ReviewFilter]


@admin.register(Sanction)
class SanctionAdmin(SourcedAdmin):
    extra_list_display = ["label", "blacklist", "imposed_by"]
    list_filter = ["blacklist", "status", ReviewFilter]


@admin.register(Memorandum)
class MemorandumAdmin(SourcedAdmin):
    extra_list_display = ["sector", "signed", "signatories", "targets"]
    list_filter = ["targets", "status", ReviewFilter]
    search_fields = ["key", "sector", "title", "document", "list", "note"]
