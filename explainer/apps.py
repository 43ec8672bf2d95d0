from django.apps import AppConfig


class ExplainerConfig(AppConfig):
    name = "explainer"
    verbose_name = "Reader pages"

    def ready(self):
        from systems.editing.review import STATEMENT_CHECKS
        from systems.models import CITERS

        from . import content, steps  # noqa: F401  (steps registers its check)
        from .serving import checks  # noqa: F401  (the deploy check of the secret key)
        CITERS.append(content.pages_citing)
        STATEMENT_CHECKS.append(content.stale_statements)
