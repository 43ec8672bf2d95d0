from django.apps import AppConfig


class BlacklistsConfig(AppConfig):
    name = "systems.blacklists"
    label = "blacklists"
    verbose_name = "Government blacklists"
