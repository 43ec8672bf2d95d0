"""Editors may approve a release another editor proposed."""

from importlib import import_module

from django.db import migrations

# The group gets exactly what editors need, as the first migration gave it.
create_group = import_module("systems.editing.migrations.0001_editors_group").create_group


class Migration(migrations.Migration):
    dependencies = [("editing", "0001_editors_group"), ("releases", "0003_release_workflow")]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
