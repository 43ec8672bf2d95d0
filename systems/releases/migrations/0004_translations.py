# Translated fields (systems/translated.py): each keeps its English text in its column,
# renamed `<field>_en`, and gains a column per other language, on the table and its
# history table, in one step (see TranslateFields for why not the usual operations).

from django.db import migrations, models

import systems.translated


class Migration(migrations.Migration):
    dependencies = [('releases', '0003_release_workflow')]

    operations = [systems.translated.TranslateFields({
        'release': (
            {'note': 'note_en'},
            {
                'note_en': models.TextField(help_text='What changed and why, in plain words: readers see this on What changed and in its feed.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='What changed and why, in plain words: readers see this on What changed and in its feed.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='What changed and why, in plain words: readers see this on What changed and in its feed.', verbose_name='note [de]'),
            }),
    })]
