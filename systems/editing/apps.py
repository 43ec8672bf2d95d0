from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class EditingConfig(AppConfig):
    name = "systems.editing"
    label = "editing"
    verbose_name = "Editing the rules"


class EditorsAdminConfig(AdminConfig):
    """Django's admin, with the editors' site: system pages, review queue, impact."""

    default_site = "systems.editing.site.EditorsAdminSite"
