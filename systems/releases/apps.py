from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "systems.releases"
    label = "releases"
    verbose_name = "Data versions and releases"

    def ready(self):
        # Every rule change moves the data version on; every history record says by which
        # road it came.
        from . import history, signals  # noqa: F401
