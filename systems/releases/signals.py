"""Every change to the data moves the data version on, once, so every worker and every app
server notices it on its next request; this process also drops its rules at once."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from systems import engine

from . import history, version
from .models import data_models


def changed(sender, raw=False, action="post_", **kwargs):
    if not action.startswith("post_"):
        return  # m2m_changed also fires before the change
    engine.clear_cache()
    if not raw and not history.loading():  # loaddata bumps once, when it is done
        version.bump()


for model in data_models():
    label = model._meta.label
    post_save.connect(changed, sender=model, dispatch_uid=f"version-{label}")
    post_delete.connect(changed, sender=model, dispatch_uid=f"version-d-{label}")
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(changed, sender=field.remote_field.through,
                            dispatch_uid=f"version-m2m-{label}-{field.name}")
