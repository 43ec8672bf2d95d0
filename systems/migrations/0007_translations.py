# Translated fields (systems/translated.py): each keeps its English text in its column,
# renamed `<field>_en`, and gains a column per other language, on the table and its
# history table, in one step (see TranslateFields for why not the usual operations).

from django.db import migrations, models

import systems.translated


class Migration(migrations.Migration):
    dependencies = [('systems', '0006_sources_kinds_second_source')]

    operations = [systems.translated.TranslateFields({
        'source': (
            {'note': 'note_en'},
            {
                'note_en': models.TextField(blank=True, help_text='Shown to readers on the Sources page.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Shown to readers on the Sources page.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Shown to readers on the Sources page.', verbose_name='note [de]'),
            }),
        'historicalsource': (
            {'note': 'note_en'},
            {
                'note_en': models.TextField(blank=True, help_text='Shown to readers on the Sources page.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Shown to readers on the Sources page.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Shown to readers on the Sources page.', verbose_name='note [de]'),
            }),
        'feed': (
            {'channel': 'channel_en', 'note': 'note_en'},
            {
                'channel_en': models.CharField(help_text='How the data reaches the system.', max_length=200, verbose_name='channel [en]'),
                'channel_nl': models.CharField(blank=True, default='', help_text='How the data reaches the system.', max_length=300, verbose_name='channel [nl]'),
                'channel_de': models.CharField(blank=True, default='', help_text='How the data reaches the system.', max_length=300, verbose_name='channel [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'historicalfeed': (
            {'channel': 'channel_en', 'note': 'note_en'},
            {
                'channel_en': models.CharField(help_text='How the data reaches the system.', max_length=200, verbose_name='channel [en]'),
                'channel_nl': models.CharField(blank=True, default='', help_text='How the data reaches the system.', max_length=300, verbose_name='channel [nl]'),
                'channel_de': models.CharField(blank=True, default='', help_text='How the data reaches the system.', max_length=300, verbose_name='channel [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'persona': (
            {'name': 'name_en', 'summary': 'summary_en'},
            {
                'name_en': models.CharField(max_length=100, verbose_name='name [en]'),
                'name_nl': models.CharField(blank=True, default='', max_length=150, verbose_name='name [nl]'),
                'name_de': models.CharField(blank=True, default='', max_length=150, verbose_name='name [de]'),
                'summary_en': models.CharField(max_length=300, verbose_name='summary [en]'),
                'summary_nl': models.CharField(blank=True, default='', max_length=450, verbose_name='summary [nl]'),
                'summary_de': models.CharField(blank=True, default='', max_length=450, verbose_name='summary [de]'),
            }),
        'historicalpersona': (
            {'name': 'name_en', 'summary': 'summary_en'},
            {
                'name_en': models.CharField(max_length=100, verbose_name='name [en]'),
                'name_nl': models.CharField(blank=True, default='', max_length=150, verbose_name='name [nl]'),
                'name_de': models.CharField(blank=True, default='', max_length=150, verbose_name='name [de]'),
                'summary_en': models.CharField(max_length=300, verbose_name='summary [en]'),
                'summary_nl': models.CharField(blank=True, default='', max_length=450, verbose_name='summary [nl]'),
                'summary_de': models.CharField(blank=True, default='', max_length=450, verbose_name='summary [de]'),
            }),
    })]
