from django.contrib import admin

from systems.editing.admin import ReviewFilter, SourcedAdmin

from .models import Step


@admin.register(Step)
class StepAdmin(SourcedAdmin):
    extra_list_display = ["date", "title", "topic", "chapters"]
    list_filter = ["topic", "status", ReviewFilter]
    search_fields = ["key", "title", "text", "note"]
