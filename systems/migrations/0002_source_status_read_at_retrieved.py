"""Sources use the rules' vocabulary (documented / reported / illustrative) and record
where (`read_at`) and when (`retrieved`) a text was read."""

from django.db import migrations, models

TO_STATUS = {"solid": "documented", "reported": "reported", "uncertain": "illustrative"}


def forwards(apps, schema_editor):
    Source = apps.get_model("systems", "Source")
    for old, new in TO_STATUS.items():
        Source.objects.filter(status=old).update(status=new)


def backwards(apps, schema_editor):
    Source = apps.get_model("systems", "Source")
    for old, new in TO_STATUS.items():
        Source.objects.filter(status=new).update(status=old)


class Migration(migrations.Migration):
    dependencies = [("systems", "0001_initial")]

    operations = [
        migrations.RenameField("source", "confidence", "status"),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name="source", name="status",
            field=models.CharField(choices=[("documented", "documented"),
                                            ("reported", "reported"),
                                            ("illustrative", "illustrative")],
                                   max_length=12)),
        migrations.AddField(
            model_name="source", name="read_at",
            field=models.URLField(blank=True, max_length=500,
                                  help_text="Where we read it, when that is a copy and not "
                                            "the original.")),
        migrations.AddField(
            model_name="source", name="retrieved",
            field=models.CharField(blank=True, max_length=10,
                                   help_text="When we read it: YYYY, YYYY-MM or YYYY-MM-DD.")),
        migrations.AlterField(
            model_name="source", name="note",
            field=models.TextField(blank=True, help_text="Shown to readers on the Sources page.")),
        migrations.AlterField(
            model_name="source", name="url",
            field=models.URLField(blank=True, help_text="The original's address.",
                                  max_length=500)),
    ]
