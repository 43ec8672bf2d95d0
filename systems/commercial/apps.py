from django.apps import AppConfig


class CommercialConfig(AppConfig):
    name = "systems.commercial"
    label = "commercial"
    verbose_name = "Sesame Credit (commercial score)"
