# Translated fields (systems/translated.py): each keeps its English text in its column,
# renamed `<field>_en`, and gains a column per other language, on the table and its
# history table, in one step (see TranslateFields for why not the usual operations).

from django.db import migrations, models

import systems.translated


class Migration(migrations.Migration):
    dependencies = [('pilots', '0006_sources_kinds_second_source')]

    operations = [systems.translated.TranslateFields({
        'pilot': (
            {'summary': 'summary_en'},
            {
                'summary_en': models.TextField(verbose_name='summary [en]'),
                'summary_nl': models.TextField(blank=True, default='', verbose_name='summary [nl]'),
                'summary_de': models.TextField(blank=True, default='', verbose_name='summary [de]'),
            }),
        'historicalpilot': (
            {'summary': 'summary_en'},
            {
                'summary_en': models.TextField(verbose_name='summary [en]'),
                'summary_nl': models.TextField(blank=True, default='', verbose_name='summary [nl]'),
                'summary_de': models.TextField(blank=True, default='', verbose_name='summary [de]'),
            }),
        'scheme': (
            {'name': 'name_en', 'operator': 'operator_en', 'eligibility': 'eligibility_en', 'note': 'note_en'},
            {
                'name_en': models.CharField(help_text='As readers see it: "Rongcheng points".', max_length=200, verbose_name='name [en]'),
                'name_nl': models.CharField(blank=True, default='', help_text='As readers see it: "Rongcheng points".', max_length=300, verbose_name='name [nl]'),
                'name_de': models.CharField(blank=True, default='', help_text='As readers see it: "Rongcheng points".', max_length=300, verbose_name='name [de]'),
                'operator_en': models.CharField(help_text='Who runs it: "Rongcheng city government".', max_length=200, verbose_name='operator [en]'),
                'operator_nl': models.CharField(blank=True, default='', help_text='Who runs it: "Rongcheng city government".', max_length=300, verbose_name='operator [nl]'),
                'operator_de': models.CharField(blank=True, default='', help_text='Who runs it: "Rongcheng city government".', max_length=300, verbose_name='operator [de]'),
                'eligibility_en': models.CharField(max_length=300, verbose_name='eligibility [en]'),
                'eligibility_nl': models.CharField(blank=True, default='', max_length=450, verbose_name='eligibility [nl]'),
                'eligibility_de': models.CharField(blank=True, default='', max_length=450, verbose_name='eligibility [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'historicalscheme': (
            {'name': 'name_en', 'operator': 'operator_en', 'eligibility': 'eligibility_en', 'note': 'note_en'},
            {
                'name_en': models.CharField(help_text='As readers see it: "Rongcheng points".', max_length=200, verbose_name='name [en]'),
                'name_nl': models.CharField(blank=True, default='', help_text='As readers see it: "Rongcheng points".', max_length=300, verbose_name='name [nl]'),
                'name_de': models.CharField(blank=True, default='', help_text='As readers see it: "Rongcheng points".', max_length=300, verbose_name='name [de]'),
                'operator_en': models.CharField(help_text='Who runs it: "Rongcheng city government".', max_length=200, verbose_name='operator [en]'),
                'operator_nl': models.CharField(blank=True, default='', help_text='Who runs it: "Rongcheng city government".', max_length=300, verbose_name='operator [nl]'),
                'operator_de': models.CharField(blank=True, default='', help_text='Who runs it: "Rongcheng city government".', max_length=300, verbose_name='operator [de]'),
                'eligibility_en': models.CharField(max_length=300, verbose_name='eligibility [en]'),
                'eligibility_nl': models.CharField(blank=True, default='', max_length=450, verbose_name='eligibility [nl]'),
                'eligibility_de': models.CharField(blank=True, default='', max_length=450, verbose_name='eligibility [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'schemepart': (
            {'label': 'label_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'historicalschemepart': (
            {'label': 'label_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'grade': (
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
        'historicalgrade': (
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
        'consequence': (
            {'label': 'label_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=300, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=450, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=450, verbose_name='label [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'historicalconsequence': (
            {'label': 'label_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=300, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=450, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=450, verbose_name='label [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'adjustment': (
            {'label': 'label_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'historicaladjustment': (
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
