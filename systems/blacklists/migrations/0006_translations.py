# Translated fields (systems/translated.py): each keeps its English text in its column,
# renamed `<field>_en`, and gains a column per other language, on the table and its
# history table, in one step (see TranslateFields for why not the usual operations).

from django.db import migrations, models

import systems.translated


class Migration(migrations.Migration):
    dependencies = [('blacklists', '0005_historicalmemorandum_memorandum')]

    operations = [systems.translated.TranslateFields({
        'blacklist': (
            {'name': 'name_en', 'authority': 'authority_en', 'term': 'term_en', 'removal': 'removal_en', 'note': 'note_en'},
            {
                'name_en': models.CharField(max_length=200, verbose_name='name [en]'),
                'name_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='name [nl]'),
                'name_de': models.CharField(blank=True, default='', max_length=300, verbose_name='name [de]'),
                'authority_en': models.CharField(max_length=200, verbose_name='authority [en]'),
                'authority_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='authority [nl]'),
                'authority_de': models.CharField(blank=True, default='', max_length=300, verbose_name='authority [de]'),
                'term_en': models.CharField(help_text='How long an entry stays.', max_length=300, verbose_name='term [en]'),
                'term_nl': models.CharField(blank=True, default='', help_text='How long an entry stays.', max_length=450, verbose_name='term [nl]'),
                'term_de': models.CharField(blank=True, default='', help_text='How long an entry stays.', max_length=450, verbose_name='term [de]'),
                'removal_en': models.CharField(help_text='How one gets off the list.', max_length=300, verbose_name='removal [en]'),
                'removal_nl': models.CharField(blank=True, default='', help_text='How one gets off the list.', max_length=450, verbose_name='removal [nl]'),
                'removal_de': models.CharField(blank=True, default='', help_text='How one gets off the list.', max_length=450, verbose_name='removal [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'historicalblacklist': (
            {'name': 'name_en', 'authority': 'authority_en', 'term': 'term_en', 'removal': 'removal_en', 'note': 'note_en'},
            {
                'name_en': models.CharField(max_length=200, verbose_name='name [en]'),
                'name_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='name [nl]'),
                'name_de': models.CharField(blank=True, default='', max_length=300, verbose_name='name [de]'),
                'authority_en': models.CharField(max_length=200, verbose_name='authority [en]'),
                'authority_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='authority [nl]'),
                'authority_de': models.CharField(blank=True, default='', max_length=300, verbose_name='authority [de]'),
                'term_en': models.CharField(help_text='How long an entry stays.', max_length=300, verbose_name='term [en]'),
                'term_nl': models.CharField(blank=True, default='', help_text='How long an entry stays.', max_length=450, verbose_name='term [nl]'),
                'term_de': models.CharField(blank=True, default='', help_text='How long an entry stays.', max_length=450, verbose_name='term [de]'),
                'removal_en': models.CharField(help_text='How one gets off the list.', max_length=300, verbose_name='removal [en]'),
                'removal_nl': models.CharField(blank=True, default='', help_text='How one gets off the list.', max_length=450, verbose_name='removal [nl]'),
                'removal_de': models.CharField(blank=True, default='', help_text='How one gets off the list.', max_length=450, verbose_name='removal [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'listingrule': (
            {'label': 'label_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'historicallistingrule': (
            {'label': 'label_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'sanction': (
            {'label': 'label_en', 'imposed_by': 'imposed_by_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'imposed_by_en': models.CharField(blank=True, max_length=200, verbose_name='imposed by [en]'),
                'imposed_by_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='imposed by [nl]'),
                'imposed_by_de': models.CharField(blank=True, default='', max_length=300, verbose_name='imposed by [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'historicalsanction': (
            {'label': 'label_en', 'imposed_by': 'imposed_by_en', 'note': 'note_en'},
            {
                'label_en': models.CharField(max_length=200, verbose_name='label [en]'),
                'label_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='label [nl]'),
                'label_de': models.CharField(blank=True, default='', max_length=300, verbose_name='label [de]'),
                'imposed_by_en': models.CharField(blank=True, max_length=200, verbose_name='imposed by [en]'),
                'imposed_by_nl': models.CharField(blank=True, default='', max_length=300, verbose_name='imposed by [nl]'),
                'imposed_by_de': models.CharField(blank=True, default='', max_length=300, verbose_name='imposed by [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'memorandum': (
            {'sector': 'sector_en', 'title': 'title_en', 'lead': 'lead_en', 'signatories_text': 'signatories_text_en', 'list': 'list_en', 'restricts': 'restricts_en', 'note': 'note_en'},
            {
                'sector_en': models.CharField(help_text='The sector, as readers see it.', max_length=100, verbose_name='sector [en]'),
                'sector_nl': models.CharField(blank=True, default='', help_text='The sector, as readers see it.', max_length=150, verbose_name='sector [nl]'),
                'sector_de': models.CharField(blank=True, default='', help_text='The sector, as readers see it.', max_length=150, verbose_name='sector [de]'),
                'title_en': models.CharField(max_length=300, verbose_name='title [en]'),
                'title_nl': models.CharField(blank=True, default='', max_length=450, verbose_name='title [nl]'),
                'title_de': models.CharField(blank=True, default='', max_length=450, verbose_name='title [de]'),
                'lead_en': models.CharField(help_text='The body or bodies that led it.', max_length=200, verbose_name='lead [en]'),
                'lead_nl': models.CharField(blank=True, default='', help_text='The body or bodies that led it.', max_length=300, verbose_name='lead [nl]'),
                'lead_de': models.CharField(blank=True, default='', help_text='The body or bodies that led it.', max_length=300, verbose_name='lead [de]'),
                'signatories_text_en': models.CharField(help_text='Who signed, in words.', max_length=500, verbose_name='signatories text [en]'),
                'signatories_text_nl': models.CharField(blank=True, default='', help_text='Who signed, in words.', max_length=750, verbose_name='signatories text [nl]'),
                'signatories_text_de': models.CharField(blank=True, default='', help_text='Who signed, in words.', max_length=750, verbose_name='signatories text [de]'),
                'list_en': models.CharField(help_text='The list whose entries it punishes.', max_length=200, verbose_name='list [en]'),
                'list_nl': models.CharField(blank=True, default='', help_text='The list whose entries it punishes.', max_length=300, verbose_name='list [nl]'),
                'list_de': models.CharField(blank=True, default='', help_text='The list whose entries it punishes.', max_length=300, verbose_name='list [de]'),
                'restricts_en': models.TextField(help_text='What the signatories restrict.', verbose_name='restricts [en]'),
                'restricts_nl': models.TextField(blank=True, default='', help_text='What the signatories restrict.', verbose_name='restricts [nl]'),
                'restricts_de': models.TextField(blank=True, default='', help_text='What the signatories restrict.', verbose_name='restricts [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
        'historicalmemorandum': (
            {'sector': 'sector_en', 'title': 'title_en', 'lead': 'lead_en', 'signatories_text': 'signatories_text_en', 'list': 'list_en', 'restricts': 'restricts_en', 'note': 'note_en'},
            {
                'sector_en': models.CharField(help_text='The sector, as readers see it.', max_length=100, verbose_name='sector [en]'),
                'sector_nl': models.CharField(blank=True, default='', help_text='The sector, as readers see it.', max_length=150, verbose_name='sector [nl]'),
                'sector_de': models.CharField(blank=True, default='', help_text='The sector, as readers see it.', max_length=150, verbose_name='sector [de]'),
                'title_en': models.CharField(max_length=300, verbose_name='title [en]'),
                'title_nl': models.CharField(blank=True, default='', max_length=450, verbose_name='title [nl]'),
                'title_de': models.CharField(blank=True, default='', max_length=450, verbose_name='title [de]'),
                'lead_en': models.CharField(help_text='The body or bodies that led it.', max_length=200, verbose_name='lead [en]'),
                'lead_nl': models.CharField(blank=True, default='', help_text='The body or bodies that led it.', max_length=300, verbose_name='lead [nl]'),
                'lead_de': models.CharField(blank=True, default='', help_text='The body or bodies that led it.', max_length=300, verbose_name='lead [de]'),
                'signatories_text_en': models.CharField(help_text='Who signed, in words.', max_length=500, verbose_name='signatories text [en]'),
                'signatories_text_nl': models.CharField(blank=True, default='', help_text='Who signed, in words.', max_length=750, verbose_name='signatories text [nl]'),
                'signatories_text_de': models.CharField(blank=True, default='', help_text='Who signed, in words.', max_length=750, verbose_name='signatories text [de]'),
                'list_en': models.CharField(help_text='The list whose entries it punishes.', max_length=200, verbose_name='list [en]'),
                'list_nl': models.CharField(blank=True, default='', help_text='The list whose entries it punishes.', max_length=300, verbose_name='list [nl]'),
                'list_de': models.CharField(blank=True, default='', help_text='The list whose entries it punishes.', max_length=300, verbose_name='list [de]'),
                'restricts_en': models.TextField(help_text='What the signatories restrict.', verbose_name='restricts [en]'),
                'restricts_nl': models.TextField(blank=True, default='', help_text='What the signatories restrict.', verbose_name='restricts [nl]'),
                'restricts_de': models.TextField(blank=True, default='', help_text='What the signatories restrict.', verbose_name='restricts [de]'),
                'note_en': models.TextField(blank=True, help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [en]'),
                'note_nl': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [nl]'),
                'note_de': models.TextField(blank=True, default='', help_text='Why a value is illustrative or reported; shown to readers.', verbose_name='note [de]'),
            }),
    })]
