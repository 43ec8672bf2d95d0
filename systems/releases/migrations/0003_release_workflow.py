"""Releases decide what readers see: each freezes the history record of every row
(`contents`), a major one waits for a second editor, and the data version names the
release readers see. Releases published before this keep what they showed: their
contents are the rows as they stood when each was published."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


DATA_APPS = ("systems", "commercial", "blacklists", "pilots", "nosedive")


def history_models(apps):
    return [m for m in apps.get_models()
            if m._meta.app_label in DATA_APPS and m.__name__.startswith("Historical")
            and hasattr(m, "history_type")]


def roads(apps, schema_editor):
    """Say by which road each change already recorded came."""
    for model in history_models(apps):
        model.objects.filter(history_change_reason__startswith="Loaded from").update(
            history_via="fixtures")
        model.objects.filter(history_via="", history_user__isnull=False).update(
            history_via="admin")
        model.objects.filter(history_via="").update(history_via="command")


def link_pilot_history(apps, schema_editor):
    """Loads before this kept a pilot's history without its sources; the pages showed the
    live links then, so a release published then showed them too: give those records the
    links the table holds."""
    Pilot = apps.get_model("pilots", "Pilot")
    History = apps.get_model("pilots", "HistoricalPilot")
    Links = apps.get_model("pilots", "HistoricalPilot_sources")
    linked = set(Links.objects.values_list("history_id", flat=True))
    live: dict = {}
    for link in Pilot.sources.through.objects.all():
        live.setdefault(link.pilot_id, []).append(link)
    Links.objects.bulk_create([
        Links(history_id=record.history_id, id=link.id, pilot_id=link.pilot_id,
              source_id=link.source_id)
        for record in History.objects.exclude(history_id__in=linked).exclude(history_type="-")
        for link in live.get(record.id, [])])


def freeze_published(apps, schema_editor):
    from django.db.models import Max
    Release = apps.get_model("releases", "Release")
    history = history_models(apps)
    latest = None
    for release in Release.objects.order_by("number"):
        contents = {}
        for model in history:
            label = f"{model._meta.app_label}.{model.__name__[len('Historical'):].lower()}"
            last = (model.objects.filter(history_date__lte=release.published_at)
                    .values("id").annotate(last=Max("history_id")).values_list("last", flat=True))
            contents[label] = sorted(model.objects.filter(history_id__in=list(last))
                                     .exclude(history_type="-")
                                     .values_list("history_id", flat=True))
        release.contents = contents
        release.state = "published"
        release.proposed_at = release.published_at
        release.proposed_by_id = release.published_by_id
        release.based_on = latest.number if latest else 0
        release.save()
        latest = release
    if latest is not None:
        apps.get_model("releases", "DataVersion").objects.filter(pk=1).update(
            release=latest.number, released_at=latest.published_at)


class Migration(migrations.Migration):

    dependencies = [
        ('releases', '0002_release'),
        ('systems', '0005_locators_roads_feed_system'),
        ('commercial', '0003_locators_roads'),
        ('blacklists', '0003_locators_roads'),
        ('pilots', '0005_schemes_as_data_pilot_review_locators'),
        ('nosedive', '0003_locators_roads'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='release',
            options={'ordering': [models.OrderBy(models.F('number'), descending=True, nulls_first=True), '-proposed_at'], 'permissions': [('approve_release', 'Can approve a release another editor proposed')]},
        ),
        migrations.AddField(
            model_name='dataversion',
            name='release',
            field=models.PositiveIntegerField(default=0, help_text='The latest published release (0: none yet).'),
        ),
        migrations.AddField(
            model_name='dataversion',
            name='released_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='release',
            name='based_on',
            field=models.PositiveIntegerField(default=0, editable=False, help_text='The release readers saw when this one was proposed (0: none).'),
        ),
        migrations.AddField(
            model_name='release',
            name='contents',
            field=models.JSONField(default=dict, editable=False, help_text='The history record of every row it publishes, by model.'),
        ),
        migrations.AddField(
            model_name='release',
            name='proposed_at',
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.AddField(
            model_name='release',
            name='proposed_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='release',
            name='self_approved',
            field=models.BooleanField(default=False, editable=False, help_text="A major release its own proposer approved, as the site's settings allow (RELEASE_SELF_APPROVAL)."),
        ),
        migrations.AddField(
            model_name='release',
            name='state',
            field=models.CharField(choices=[('proposed', 'proposed, waiting for a second editor'), ('published', 'published')], default='proposed', editable=False, max_length=10),
        ),
        migrations.AlterField(
            model_name='release',
            name='data_version',
            field=models.PositiveBigIntegerField(default=0, editable=False, help_text='The data version this release captured.'),
        ),
        migrations.AlterField(
            model_name='release',
            name='kind',
            field=models.CharField(choices=[('major', 'major: it changes what a reader would conclude'), ('minor', 'minor: wording, a source link, a correction of detail')], help_text='A major release must be approved by a second editor before readers see it.', max_length=5),
        ),
        migrations.AlterField(
            model_name='release',
            name='note',
            field=models.TextField(help_text='What changed and why, in plain words: readers see this on What changed and in its feed.'),
        ),
        migrations.AlterField(
            model_name='release',
            name='number',
            field=models.PositiveIntegerField(editable=False, help_text='Given when it is published.', null=True, unique=True),
        ),
        migrations.AlterField(
            model_name='release',
            name='published_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(roads, migrations.RunPython.noop),
        migrations.RunPython(link_pilot_history, migrations.RunPython.noop),
        migrations.RunPython(freeze_published, migrations.RunPython.noop),
    ]
