"""Editors keep the timeline and the joint-punishment memorandums too."""

from importlib import import_module

from django.db import migrations

# The group gets exactly what editors need, as the first migration gave it.
create_group = import_module("systems.editing.migrations.0001_editors_group").create_group


class Migration(migrations.Migration):
    dependencies = [("editing", "0002_approve_releases"), ("timeline", "0001_initial"),
                    ("blacklists", "0005_historicalmemorandum_memorandum")]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
