"""Exactly what an editor may do: change the data and publish releases; nothing about
users, groups or the site itself."""

from systems.models import DATA_APPS

RELEASE_PERMISSIONS = (("releases", "add_release"), ("releases", "view_release"),
                       ("releases", "approve_release"), ("releases", "view_dataversion"))


def editor_permissions(Permission):
    """The Permission rows of the Editors group (pass the model: migrations use their own)."""
    # The data models, not their history tables: history is read through each row's own
    # "History" page, which the row's permissions already open.
    data = Permission.objects.filter(content_type__app_label__in=DATA_APPS).exclude(
        content_type__model__startswith="historical")
    extra = [found for app, codename in RELEASE_PERMISSIONS
             for found in Permission.objects.filter(content_type__app_label=app,
                                                    codename=codename)]
    return [*data, *extra]
