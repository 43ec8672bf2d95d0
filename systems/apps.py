from django.apps import AppConfig


class SystemsConfig(AppConfig):
    name = "systems"
    verbose_name = "Credit systems: shared data"

    def ready(self):
        from . import checks  # noqa: F401  (registers the checks)
