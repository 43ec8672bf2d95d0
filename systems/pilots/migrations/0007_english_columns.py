# The English text keeps its column under a new name; the other languages' columns
# follow in the next migration (systems/translated.py).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("pilots", "0006_sources_kinds_second_source")]

    operations = [
        migrations.RenameField(model_name="pilot", old_name="summary", new_name="summary_en"),
        migrations.RenameField(model_name="historicalpilot", old_name="summary", new_name="summary_en"),
        migrations.RenameField(model_name="scheme", old_name="name", new_name="name_en"),
        migrations.RenameField(model_name="scheme", old_name="operator", new_name="operator_en"),
        migrations.RenameField(model_name="scheme", old_name="eligibility", new_name="eligibility_en"),
        migrations.RenameField(model_name="scheme", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicalscheme", old_name="name", new_name="name_en"),
        migrations.RenameField(model_name="historicalscheme", old_name="operator", new_name="operator_en"),
        migrations.RenameField(model_name="historicalscheme", old_name="eligibility", new_name="eligibility_en"),
        migrations.RenameField(model_name="historicalscheme", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="schemepart", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="schemepart", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicalschemepart", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="historicalschemepart", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="grade", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="grade", old_name="summary", new_name="summary_en"),
        migrations.RenameField(model_name="grade", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicalgrade", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="historicalgrade", old_name="summary", new_name="summary_en"),
        migrations.RenameField(model_name="historicalgrade", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="consequence", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="consequence", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicalconsequence", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="historicalconsequence", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="adjustment", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="adjustment", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicaladjustment", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="historicaladjustment", old_name="note", new_name="note_en"),
    ]
