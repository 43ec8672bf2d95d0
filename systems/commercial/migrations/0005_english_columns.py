# The English text keeps its column under a new name; the other languages' columns
# follow in the next migration (systems/translated.py).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("commercial", "0004_sources_kinds_second_source")]

    operations = [
        migrations.RenameField(model_name="dimension", old_name="name", new_name="name_en"),
        migrations.RenameField(model_name="dimension", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicaldimension", old_name="name", new_name="name_en"),
        migrations.RenameField(model_name="historicaldimension", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="factor", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="factor", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicalfactor", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="historicalfactor", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="tier", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="tier", old_name="summary", new_name="summary_en"),
        migrations.RenameField(model_name="tier", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicaltier", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="historicaltier", old_name="summary", new_name="summary_en"),
        migrations.RenameField(model_name="historicaltier", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="perk", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="perk", old_name="detail", new_name="detail_en"),
        migrations.RenameField(model_name="perk", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicalperk", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="historicalperk", old_name="detail", new_name="detail_en"),
        migrations.RenameField(model_name="historicalperk", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="restriction", old_name="detail", new_name="detail_en"),
        migrations.RenameField(model_name="restriction", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="restriction", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicalrestriction", old_name="detail", new_name="detail_en"),
        migrations.RenameField(model_name="historicalrestriction", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="historicalrestriction", old_name="note", new_name="note_en"),
    ]
