from django.apps import AppConfig


class SystemsConfig(AppConfig):
    name = "systems"
    verbose_name = "Credit systems: shared data"

    def ready(self):
        # The checks register themselves; the engine gives `residence` its places.
        from . import checks, engine  # noqa: F401
