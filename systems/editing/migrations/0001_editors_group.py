"""The Editors group, with exactly the permissions editors need."""

from django.db import migrations


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    from systems.editing.permissions import editor_permissions

    # Permissions are normally created after all migrations; create them now.
    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Editors")
    group.permissions.set(editor_permissions(Permission))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("systems", "0004_history_and_review_dates"),
        ("commercial", "0002_history_and_review_dates"),
        ("blacklists", "0002_history_and_review_dates"),
        ("pilots", "0004_history_and_review_dates"),
        ("nosedive", "0002_history_and_review_dates"),
        ("releases", "0002_release"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
