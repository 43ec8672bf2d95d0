from django.apps import AppConfig


class NosediveConfig(AppConfig):
    name = "systems.nosedive"
    label = "nosedive"
    verbose_name = "Nosedive (fiction, for contrast)"
