# The English text keeps its column under a new name; the other languages' columns
# follow in the next migration (systems/translated.py).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("systems", "0006_sources_kinds_second_source")]

    operations = [
        migrations.RenameField(model_name="source", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicalsource", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="feed", old_name="channel", new_name="channel_en"),
        migrations.RenameField(model_name="feed", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicalfeed", old_name="channel", new_name="channel_en"),
        migrations.RenameField(model_name="historicalfeed", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="persona", old_name="name", new_name="name_en"),
        migrations.RenameField(model_name="persona", old_name="summary", new_name="summary_en"),
        migrations.RenameField(model_name="historicalpersona", old_name="name", new_name="name_en"),
        migrations.RenameField(model_name="historicalpersona", old_name="summary", new_name="summary_en"),
    ]
