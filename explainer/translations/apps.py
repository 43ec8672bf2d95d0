from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    name = "explainer.translations"
    label = "translations"
    verbose_name = "Translations"

    def ready(self):
        from . import checks  # noqa: F401  (registers the translations' checks)
