from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import DataVersion

# The models whose rows decide what readers see: rules, sources, pilots, personas.
DATA_APPS = {"systems", "commercial", "blacklists", "pilots", "nosedive"}


def changed(sender, raw=False, **kwargs):
    if not raw:  # loaddata saves raw and bumps once when it is done
        DataVersion.bump()


for model in apps.get_models():
    if model._meta.app_label in DATA_APPS:
        post_save.connect(changed, sender=model, dispatch_uid=f"version-{model._meta.label}")
        post_delete.connect(changed, sender=model,
                            dispatch_uid=f"version-d-{model._meta.label}")
m2m_changed.connect(changed, dispatch_uid="version-m2m")
