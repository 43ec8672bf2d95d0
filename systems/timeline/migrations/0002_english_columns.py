# The English text keeps its column under a new name; the other languages' columns
# follow in the next migration (systems/translated.py).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("timeline", "0001_initial")]

    operations = [
        migrations.RenameField(model_name="step", old_name="title", new_name="title_en"),
        migrations.RenameField(model_name="step", old_name="text", new_name="text_en"),
        migrations.RenameField(model_name="step", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicalstep", old_name="title", new_name="title_en"),
        migrations.RenameField(model_name="historicalstep", old_name="text", new_name="text_en"),
        migrations.RenameField(model_name="historicalstep", old_name="note", new_name="note_en"),
    ]
