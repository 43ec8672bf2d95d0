# The English text keeps its column under a new name; the other languages' columns
# follow in the next migration (systems/translated.py).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("releases", "0003_release_workflow")]

    operations = [
        migrations.RenameField(model_name="release", old_name="note", new_name="note_en"),
    ]
