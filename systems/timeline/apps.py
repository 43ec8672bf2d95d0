from django.apps import AppConfig


class TimelineConfig(AppConfig):
    name = "systems.timeline"
    label = "timeline"
    verbose_name = "Timeline"
