from django.apps import AppConfig


class ExplainerConfig(AppConfig):
    name = "explainer"
    verbose_name = "Reader pages"

    def ready(self):
        from . import steps  # noqa: F401  (registers the check that the steps still hold)
