# Translated fields (systems/translated.py): each keeps its English text in its column,
# renamed `<field>_en`, and gains a column per other language, on the table and its
# history table, in one step (see TranslateFields for why not the usual operations).

from django.db import migrations, models

import systems.translated


class Migration(migrations.Migration):
    dependencies = [('commercial', '0004_sources_kinds_second_source')]

    operations = [systems.translated.TranslateFields({
        'dimension': (
            {'name': 'name_en', 'note': 'note_en'},
            {
                'name_en': models.CharField(max_length=100, verbose_name='name [en]'),
                'name_nl': models.CharField(blank=True, default='', max_length=150, verbose_name='name [nl]'),
                'name_de': models.CharField(blank=True, default='', max_length=150, verbose_name='name [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'historicaldimension': (
            {'name': 'name_en', 'note': 'note_en'},
            {
                'name_en': models.CharField(max_length=100, verbose_name='name [en]'),
                'name_nl': models.CharField(blank=True, default='', max_length=150, verbose_name='name [nl]'),
                'name_de': models.CharField(blank=True, default='', max_length=150, verbose_name='name [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'factor': (
            {'label': 'label_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'historicalfactor': (
            {'label': 'label_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'tier': (
            {'label': 'label_en', 'summary': 'summary_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=60, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=90, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=90, verbose_name='label [de]'),
                'summary_en': models.CharField(blank=True, max_length=300, verbose_name='summary [en]'),
                'summary_nl': models.CharField(blank=True, default='', max_length=450, verbose_name='summary [nl]'),
                'summary_de': models.CharField(blank=True, default='', max_length=450, verbose_name='summary [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'historicaltier': (
            {'label': 'label_en', 'summary': 'summary_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=60, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=90, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=90, verbose_name='label [de]'),
                'summary_en': models.CharField(blank=True, max_length=300, verbose_name='summary [en]'),
                'summary_nl': models.CharField(blank=True, default='', max_length=450, verbose_name='summary [nl]'),
                'summary_de': models.CharField(blank=True, default='', max_length=450, verbose_name='summary [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'perk': (
            {'label': 'label_en', 'detail': 'detail_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'detail_en': models.CharField(blank=True, max_length=300, verbose_name='detail [en]'),
                'detail_nl': models.CharField(blank=True, default='', max_length=450, verbose_name='detail [nl]'),
                'detail_de': models.CharField(blank=True, default='', max_length=450, verbose_name='detail [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'historicalperk': (
            {'label': 'label_en', 'detail': 'detail_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'detail_en': models.CharField(blank=True, max_length=300, verbose_name='detail [en]'),
                'detail_nl': models.CharField(blank=True, default='', max_length=450, verbose_name='detail [nl]'),
                'detail_de': models.CharField(blank=True, default='', max_length=450, verbose_name='detail [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'restriction': (
            {'detail': 'detail_en', 'label': 'label_en', 'note': 'note_en'},
            {
                'detail_en': models.CharField(blank=True, max_length=300, verbose_name='detail [en]'),
                'detail_nl': models.CharField(blank=True, default='', max_length=450, verbose_name='detail [nl]'),
                'detail_de': models.CharField(blank=True, default='', max_length=450, verbose_name='detail [de]'),
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'historicalrestriction': (
            {'detail': 'detail_en', 'label': 'label_en', 'note': 'note_en'},
            {
                'detail_en': models.CharField(blank=True, max_length=300, verbose_name='detail [en]'),
                'detail_nl': models.CharField(blank=True, default='', max_length=450, verbose_name='detail [nl]'),
                'detail_de': models.CharField(blank=True, default='', max_length=450, verbose_name='detail [de]'),
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
    })]
