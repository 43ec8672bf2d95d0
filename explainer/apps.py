from django.apps import AppConfig


class ExplainerConfig(AppConfig):
    name = "explainer"
    verbose_name = "Reader pages"

    def ready(self):
        from systems.models import CITERS

        from . import content, steps  # noqa: F401  (steps registers its check)
        CITERS.append(content.pages_citing)
