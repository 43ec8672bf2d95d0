from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "systems.releases"
    label = "releases"
    verbose_name = "Data versions and releases"

    def ready(self):
        from . import signals  # noqa: F401  (every rule change moves the data version on)
