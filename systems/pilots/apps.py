from django.apps import AppConfig


class PilotsConfig(AppConfig):
    name = "systems.pilots"
    label = "pilots"
    verbose_name = "Local pilots"
