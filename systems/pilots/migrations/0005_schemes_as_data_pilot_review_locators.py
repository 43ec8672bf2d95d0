"""Schemes are data: each names its system key, its place for the "Lives in" menu, who
runs it and its order; pilots get a status and a checked date like rules; every sourced
row gets a locator (where in the source its value stands)."""

import systems.models
from django.db import migrations, models


# What the code used to say of the two schemes it knew.
KNOWN = {"rongcheng": ("Rongcheng", "Rongcheng city government", 1),
         "suining": ("Suining", "Suining county government", 2)}
# Pilots that several independent sources document (the rest rest on one report).
DOCUMENTED = {"rongcheng", "suining", "shenzhen"}


def fill(apps, schema_editor):
    for name in ("Scheme", "HistoricalScheme"):
        model = apps.get_model("pilots", name)
        for system, (place, operator, order) in KNOWN.items():
            model.objects.filter(system=system).update(place=place, operator=operator,
                                                       order=order)
    for name in ("Pilot", "HistoricalPilot"):
        apps.get_model("pilots", name).objects.filter(key__in=DOCUMENTED).update(
            status="documented")


class Migration(migrations.Migration):

    dependencies = [
        ('pilots', '0004_history_and_review_dates'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='scheme',
            options={'ordering': ['order', 'key']},
        ),
        migrations.AddField(
            model_name='adjustment',
            name='locator',
            field=models.CharField(blank=True, help_text="Where in the source this value stands: article, clause, page or table. Empty: the source's own locator.", max_length=200),
        ),
        migrations.AddField(
            model_name='consequence',
            name='locator',
            field=models.CharField(blank=True, help_text="Where in the source this value stands: article, clause, page or table. Empty: the source's own locator.", max_length=200),
        ),
        migrations.AddField(
            model_name='grade',
            name='locator',
            field=models.CharField(blank=True, help_text="Where in the source this value stands: article, clause, page or table. Empty: the source's own locator.", max_length=200),
        ),
        migrations.AddField(
            model_name='historicaladjustment',
            name='history_by',
            field=models.CharField(blank=True, max_length=150),
        ),
        migrations.AddField(
            model_name='historicaladjustment',
            name='history_via',
            field=models.CharField(blank=True, choices=[('admin', 'the admin'), ('fixtures', 'a fixture load'), ('command', 'the command line')], max_length=10),
        ),
        migrations.AddField(
            model_name='historicaladjustment',
            name='locator',
            field=models.CharField(blank=True, help_text="Where in the source this value stands: article, clause, page or table. Empty: the source's own locator.", max_length=200),
        ),
        migrations.AddField(
            model_name='historicalconsequence',
            name='history_by',
            field=models.CharField(blank=True, max_length=150),
        ),
        migrations.AddField(
            model_name='historicalconsequence',
            name='history_via',
            field=models.CharField(blank=True, choices=[('admin', 'the admin'), ('fixtures', 'a fixture load'), ('command', 'the command line')], max_length=10),
        ),
        migrations.AddField(
            model_name='historicalconsequence',
            name='locator',
            field=models.CharField(blank=True, help_text="Where in the source this value stands: article, clause, page or table. Empty: the source's own locator.", max_length=200),
        ),
        migrations.AddField(
            model_name='historicalgrade',
            name='history_by',
            field=models.CharField(blank=True, max_length=150),
        ),
        migrations.AddField(
            model_name='historicalgrade',
            name='history_via',
            field=models.CharField(blank=True, choices=[('admin', 'the admin'), ('fixtures', 'a fixture load'), ('command', 'the command line')], max_length=10),
        ),
        migrations.AddField(
            model_name='historicalgrade',
            name='locator',
            field=models.CharField(blank=True, help_text="Where in the source this value stands: article, clause, page or table. Empty: the source's own locator.", max_length=200),
        ),
        migrations.AddField(
            model_name='historicalpilot',
            name='checked',
            field=models.DateField(default=systems.models.today, help_text='When an editor last checked this entry, its state above all, against its sources.'),
        ),
        migrations.AddField(
            model_name='historicalpilot',
            name='history_by',
            field=models.CharField(blank=True, max_length=150),
        ),
        migrations.AddField(
            model_name='historicalpilot',
            name='history_via',
            field=models.CharField(blank=True, choices=[('admin', 'the admin'), ('fixtures', 'a fixture load'), ('command', 'the command line')], max_length=10),
        ),
        migrations.AddField(
            model_name='historicalpilot',
            name='status',
            field=models.CharField(choices=[('documented', 'documented'), ('reported', 'reported'), ('illustrative', 'illustrative')], default='reported', help_text='How sure we are of this entry: documented (an official text, or several independent outlets), reported (one outlet).', max_length=12),
        ),
        migrations.AddField(
            model_name='historicalscheme',
            name='history_by',
            field=models.CharField(blank=True, max_length=150),
        ),
        migrations.AddField(
            model_name='historicalscheme',
            name='history_via',
            field=models.CharField(blank=True, choices=[('admin', 'the admin'), ('fixtures', 'a fixture load'), ('command', 'the command line')], max_length=10),
        ),
        migrations.AddField(
            model_name='historicalscheme',
            name='locator',
            field=models.CharField(blank=True, help_text="Where in the source this value stands: article, clause, page or table. Empty: the source's own locator.", max_length=200),
        ),
        migrations.AddField(
            model_name='historicalscheme',
            name='operator',
            field=models.CharField(default='', help_text='Who runs it: "Rongcheng city government".', max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='historicalscheme',
            name='order',
            field=models.PositiveSmallIntegerField(default=0, help_text='Where it stands among the schemes in every comparison.'),
        ),
        migrations.AddField(
            model_name='historicalscheme',
            name='place',
            field=models.CharField(default='', help_text='The place as the "Lives in" menu names it.', max_length=60),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='historicalschemepart',
            name='history_by',
            field=models.CharField(blank=True, max_length=150),
        ),
        migrations.AddField(
            model_name='historicalschemepart',
            name='history_via',
            field=models.CharField(blank=True, choices=[('admin', 'the admin'), ('fixtures', 'a fixture load'), ('command', 'the command line')], max_length=10),
        ),
        migrations.AddField(
            model_name='historicalschemepart',
            name='locator',
            field=models.CharField(blank=True, help_text="Where in the source this value stands: article, clause, page or table. Empty: the source's own locator.", max_length=200),
        ),
        migrations.AddField(
            model_name='pilot',
            name='checked',
            field=models.DateField(default=systems.models.today, help_text='When an editor last checked this entry, its state above all, against its sources.'),
        ),
        migrations.AddField(
            model_name='pilot',
            name='status',
            field=models.CharField(choices=[('documented', 'documented'), ('reported', 'reported'), ('illustrative', 'illustrative')], default='reported', help_text='How sure we are of this entry: documented (an official text, or several independent outlets), reported (one outlet).', max_length=12),
        ),
        migrations.AddField(
            model_name='scheme',
            name='locator',
            field=models.CharField(blank=True, help_text="Where in the source this value stands: article, clause, page or table. Empty: the source's own locator.", max_length=200),
        ),
        migrations.AddField(
            model_name='scheme',
            name='operator',
            field=models.CharField(default='', help_text='Who runs it: "Rongcheng city government".', max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='scheme',
            name='order',
            field=models.PositiveSmallIntegerField(default=0, help_text='Where it stands among the schemes in every comparison.'),
        ),
        migrations.AddField(
            model_name='scheme',
            name='place',
            field=models.CharField(default='', help_text='The place as the "Lives in" menu names it.', max_length=60),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='schemepart',
            name='locator',
            field=models.CharField(blank=True, help_text="Where in the source this value stands: article, clause, page or table. Empty: the source's own locator.", max_length=200),
        ),
        migrations.AlterField(
            model_name='adjustment',
            name='status',
            field=models.CharField(choices=[('documented', 'documented'), ('reported', 'reported'), ('illustrative', 'illustrative')], help_text='documented: an official text states it, or several independent reliable outlets do; reported: one outlet; illustrative: no source gives this value, it shows the shape only (say why in the note).', max_length=12),
        ),
        migrations.AlterField(
            model_name='consequence',
            name='status',
            field=models.CharField(choices=[('documented', 'documented'), ('reported', 'reported'), ('illustrative', 'illustrative')], help_text='documented: an official text states it, or several independent reliable outlets do; reported: one outlet; illustrative: no source gives this value, it shows the shape only (say why in the note).', max_length=12),
        ),
        migrations.AlterField(
            model_name='grade',
            name='status',
            field=models.CharField(choices=[('documented', 'documented'), ('reported', 'reported'), ('illustrative', 'illustrative')], help_text='documented: an official text states it, or several independent reliable outlets do; reported: one outlet; illustrative: no source gives this value, it shows the shape only (say why in the note).', max_length=12),
        ),
        migrations.AlterField(
            model_name='historicaladjustment',
            name='status',
            field=models.CharField(choices=[('documented', 'documented'), ('reported', 'reported'), ('illustrative', 'illustrative')], help_text='documented: an official text states it, or several independent reliable outlets do; reported: one outlet; illustrative: no source gives this value, it shows the shape only (say why in the note).', max_length=12),
        ),
        migrations.AlterField(
            model_name='historicalconsequence',
            name='status',
            field=models.CharField(choices=[('documented', 'documented'), ('reported', 'reported'), ('illustrative', 'illustrative')], help_text='documented: an official text states it, or several independent reliable outlets do; reported: one outlet; illustrative: no source gives this value, it shows the shape only (say why in the note).', max_length=12),
        ),
        migrations.AlterField(
            model_name='historicalgrade',
            name='status',
            field=models.CharField(choices=[('documented', 'documented'), ('reported', 'reported'), ('illustrative', 'illustrative')], help_text='documented: an official text states it, or several independent reliable outlets do; reported: one outlet; illustrative: no source gives this value, it shows the shape only (say why in the note).', max_length=12),
        ),
        migrations.AlterField(
            model_name='historicalpilot',
            name='kind',
            field=models.CharField(choices=[('points', 'points'), ('blacklists', 'blacklists'), ('shaming', 'public shaming'), ('red_lists', 'red lists'), ('card', 'card')], help_text='What it mainly does: points (a score or grade), blacklists, public shaming, red lists (praise), or a card.', max_length=12),
        ),
        migrations.AlterField(
            model_name='historicalpilot',
            name='state',
            field=models.CharField(choices=[('running', 'running'), ('consent', 'running, opt-in only'), ('ended', 'ended'), ('unclear', 'unclear')], help_text='As of the checked date: running; running only for people who opt in; ended; or unclear (no recent source says either way).', max_length=10),
        ),
        migrations.AlterField(
            model_name='historicalscheme',
            name='name',
            field=models.CharField(help_text='As readers see it: "Rongcheng points".', max_length=200),
        ),
        migrations.AlterField(
            model_name='historicalscheme',
            name='residence',
            field=models.SlugField(help_text="The record's `residence` value for the people it covers (added to the record contract; never rename it once published).", max_length=20),
        ),
        migrations.AlterField(
            model_name='historicalscheme',
            name='status',
            field=models.CharField(choices=[('documented', 'documented'), ('reported', 'reported'), ('illustrative', 'illustrative')], help_text='documented: an official text states it, or several independent reliable outlets do; reported: one outlet; illustrative: no source gives this value, it shows the shape only (say why in the note).', max_length=12),
        ),
        migrations.AlterField(
            model_name='historicalscheme',
            name='system',
            field=models.SlugField(help_text="The system's key in addresses: /systems/<key>/, systems=<key> in embeds. Never change it once published.", max_length=20),
        ),
        migrations.AlterField(
            model_name='historicalschemepart',
            name='status',
            field=models.CharField(choices=[('documented', 'documented'), ('reported', 'reported'), ('illustrative', 'illustrative')], help_text='documented: an official text states it, or several independent reliable outlets do; reported: one outlet; illustrative: no source gives this value, it shows the shape only (say why in the note).', max_length=12),
        ),
        migrations.AlterField(
            model_name='pilot',
            name='kind',
            field=models.CharField(choices=[('points', 'points'), ('blacklists', 'blacklists'), ('shaming', 'public shaming'), ('red_lists', 'red lists'), ('card', 'card')], help_text='What it mainly does: points (a score or grade), blacklists, public shaming, red lists (praise), or a card.', max_length=12),
        ),
        migrations.AlterField(
            model_name='pilot',
            name='state',
            field=models.CharField(choices=[('running', 'running'), ('consent', 'running, opt-in only'), ('ended', 'ended'), ('unclear', 'unclear')], help_text='As of the checked date: running; running only for people who opt in; ended; or unclear (no recent source says either way).', max_length=10),
        ),
        migrations.AlterField(
            model_name='scheme',
            name='name',
            field=models.CharField(help_text='As readers see it: "Rongcheng points".', max_length=200),
        ),
        migrations.AlterField(
            model_name='scheme',
            name='residence',
            field=models.SlugField(help_text="The record's `residence` value for the people it covers (added to the record contract; never rename it once published).", max_length=20, unique=True),
        ),
        migrations.AlterField(
            model_name='scheme',
            name='status',
            field=models.CharField(choices=[('documented', 'documented'), ('reported', 'reported'), ('illustrative', 'illustrative')], help_text='documented: an official text states it, or several independent reliable outlets do; reported: one outlet; illustrative: no source gives this value, it shows the shape only (say why in the note).', max_length=12),
        ),
        migrations.AlterField(
            model_name='scheme',
            name='system',
            field=models.SlugField(help_text="The system's key in addresses: /systems/<key>/, systems=<key> in embeds. Never change it once published.", max_length=20, unique=True),
        ),
        migrations.AlterField(
            model_name='schemepart',
            name='status',
            field=models.CharField(choices=[('documented', 'documented'), ('reported', 'reported'), ('illustrative', 'illustrative')], help_text='documented: an official text states it, or several independent reliable outlets do; reported: one outlet; illustrative: no source gives this value, it shows the shape only (say why in the note).', max_length=12),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
