# The English text keeps its column under a new name; the other languages' columns
# follow in the next migration (systems/translated.py).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("blacklists", "0005_historicalmemorandum_memorandum")]

    operations = [
        migrations.RenameField(model_name="blacklist", old_name="name", new_name="name_en"),
        migrations.RenameField(model_name="blacklist", old_name="authority", new_name="authority_en"),
        migrations.RenameField(model_name="blacklist", old_name="term", new_name="term_en"),
        migrations.RenameField(model_name="blacklist", old_name="removal", new_name="removal_en"),
        migrations.RenameField(model_name="blacklist", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicalblacklist", old_name="name", new_name="name_en"),
        migrations.RenameField(model_name="historicalblacklist", old_name="authority", new_name="authority_en"),
        migrations.RenameField(model_name="historicalblacklist", old_name="term", new_name="term_en"),
        migrations.RenameField(model_name="historicalblacklist", old_name="removal", new_name="removal_en"),
        migrations.RenameField(model_name="historicalblacklist", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="listingrule", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="listingrule", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicallistingrule", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="historicallistingrule", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="sanction", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="sanction", old_name="imposed_by", new_name="imposed_by_en"),
        migrations.RenameField(model_name="sanction", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicalsanction", old_name="label", new_name="label_en"),
        migrations.RenameField(model_name="historicalsanction", old_name="imposed_by", new_name="imposed_by_en"),
        migrations.RenameField(model_name="historicalsanction", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="memorandum", old_name="sector", new_name="sector_en"),
        migrations.RenameField(model_name="memorandum", old_name="title", new_name="title_en"),
        migrations.RenameField(model_name="memorandum", old_name="lead", new_name="lead_en"),
        migrations.RenameField(model_name="memorandum", old_name="signatories_text", new_name="signatories_text_en"),
        migrations.RenameField(model_name="memorandum", old_name="list", new_name="list_en"),
        migrations.RenameField(model_name="memorandum", old_name="restricts", new_name="restricts_en"),
        migrations.RenameField(model_name="memorandum", old_name="note", new_name="note_en"),
        migrations.RenameField(model_name="historicalmemorandum", old_name="sector", new_name="sector_en"),
        migrations.RenameField(model_name="historicalmemorandum", old_name="title", new_name="title_en"),
        migrations.RenameField(model_name="historicalmemorandum", old_name="lead", new_name="lead_en"),
        migrations.RenameField(model_name="historicalmemorandum", old_name="signatories_text", new_name="signatories_text_en"),
        migrations.RenameField(model_name="historicalmemorandum", old_name="list", new_name="list_en"),
        migrations.RenameField(model_name="historicalmemorandum", old_name="restricts", new_name="restricts_en"),
        migrations.RenameField(model_name="historicalmemorandum", old_name="note", new_name="note_en"),
    ]
