# The English text keeps its column under a new name; the other languages' columns
# follow in the next migration (systems/translated.py).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("nosedive", "0004_sources_kinds_second_source")]

    operations = [
        migrations.RenameField(model_name="baseline", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="baseline", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicalbaseline", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="historicalbaseline", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="ratingrule", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="ratingrule", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicalratingrule", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="historicalratingrule", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="threshold", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="threshold", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicalthreshold", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="historicalthreshold", old_name="note", new_name="note_en"),
    ]
