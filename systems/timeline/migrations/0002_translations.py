# Translated fields (systems/translated.py): each keeps its English text in its column,
# renamed `<field>_en`, and gains a column per other language, on the table and its
# history table, in one step (see TranslateFields for why not the usual operations).

from django.db import migrations, models

import systems.translated


class Migration(migrations.Migration):
    dependencies = [('timeline', '0001_initial')]

    operations = [systems.translated.TranslateFields({
        'step': (
            {'title': 'title_en', 'text': 'text_en', 'note': 'note_en'},
            {
                'title_en': models.CharField(max_length=120, verbose_name='title [en]'),
                'title_nl': models.CharField(blank=True, default='', max_length=180, verbose_name='title [nl]'),
                'title_de': models.CharField(blank=True, default='', max_length=180, verbose_name='title [de]'),
                'text_en': models.TextField(help_text='One to three sentences, plain text.', verbose_name='text [en]'),
                'text_nl': models.TextField(blank=True, default='', help_text='One to three sentences, plain text.', verbose_name='text [nl]'),
                'text_de': models.TextField(blank=True, default='', help_text='One to three sentences, plain text.', verbose_name='text [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'historicalstep': (
            {'title': 'title_en', 'text': 'text_en', 'note': 'note_en'},
            {
                'title_en': models.CharField(max_length=120, verbose_name='title [en]'),
                'title_nl': models.CharField(blank=True, default='', max_length=180, verbose_name='title [nl]'),
                'title_de': models.CharField(blank=True, default='', max_length=180, verbose_name='title [de]'),
                'text_en': models.TextField(help_text='One to three sentences, plain text.', verbose_name='text [en]'),
                'text_nl': models.TextField(blank=True, default='', help_text='One to three sentences, plain text.', verbose_name='text [nl]'),
                'text_de': models.TextField(blank=True, default='', help_text='One to three sentences, plain text.', verbose_name='text [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
    })]
