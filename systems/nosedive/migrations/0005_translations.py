# Translated fields (systems/translated.py): each keeps its English text in its column,
# renamed `<field>_en`, and gains a column per other language, on the table and its
# history table, in one step (see TranslateFields for why not the usual operations).

from django.db import migrations, models

import systems.translated


class Migration(migrations.Migration):
    dependencies = [('nosedive', '0004_sources_kinds_second_source')]

    operations = [systems.translated.TranslateFields({
        'baseline': (
            {'label': 'label_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'historicalbaseline': (
            {'label': 'label_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'ratingrule': (
            {'label': 'label_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'historicalratingrule': (
            {'label': 'label_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'threshold': (
            {'label': 'label_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'historicalthreshold': (
            {'label': 'label_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
    })]
