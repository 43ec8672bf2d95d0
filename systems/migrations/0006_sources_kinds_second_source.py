# Sources say what kind of text they are and in which language; rows may name a second
# source. Existing sources get the kind and language the shipped fixtures give them (any
# other is a news report in English until an editor says otherwise), and a source marked
# "illustrative" becomes "reported": that word describes values, never sources.

import django.db.models.deletion
from django.db import migrations, models

KINDS = {
    "allbright-2021-duanzhilian": "commentary", "backer-2025-opinions": "primary",
    "cjo-2018-tips": "commentary", "clt-2015-enterprises-mou": "primary",
    "clt-2016-environment-mou": "primary", "clt-action-plan-2024": "primary",
    "clt-court-list-2013": "primary", "clt-court-list-2017": "primary",
    "clt-credit-mechanisms-2016": "primary", "clt-daum-blacklists": "research",
    "clt-demo-cities-2018": "primary", "clt-demo-cities-2019": "research",
    "clt-guiding-opinions-2020": "primary", "clt-intelligence-law-2017": "primary",
    "clt-joint-incentives-2016": "primary", "clt-next-credit-plan-2022": "primary",
    "clt-planning-outline-2014": "primary", "clt-rongcheng-experience": "research",
    "clt-rongcheng-measures": "primary", "clt-rongcheng-right": "research",
    "clt-rongcheng-standards": "primary", "cnyes-2025-shineng": "commentary",
    "cq-jiulongpo-2025-points": "primary", "csrc-2015-mou-text": "primary",
    "customs-2017-briefing": "company", "customs-2017-mou-text": "primary",
    "dah-2018-xiamen-fuzhou": "research", "ezhou-2019-environment-mou": "primary",
    "fintechnexus-sesame": "company", "fooddrug-2016-mou-text": "primary",
    "global-institute-suining": "commentary", "globalvoices-2010-suining": "commentary",
    "gov-2025-credit-repair-plan": "primary", "gov-2025-opinions-zh": "primary",
    "hangzhou-via-essay": "commentary", "jamoxi-2020-rongcheng": "commentary",
    "kapronasia-2017": "research", "kapronasia-2018-baihang": "research",
    "ke-2023-credit-decade": "research", "koneksa-2016": "commentary",
    "kostka-2019": "research", "lei-ding-mou-diffusion": "research",
    "liu-support-surveillance": "research", "mct-2018-tourist-list": "primary",
    "merics-2017-market": "research", "merics-2020-students": "research",
    "mistreanu-via-essay": "commentary", "ndrc-2016-debtors-mou": "primary",
    "ndrc-2024-action-plan-zh": "primary", "nesta-citizen-scoring": "research",
    "nosedive-fandom": "reference", "nosedive-wikipedia": "reference",
    "pboc-2021-order-4": "primary", "qiqihar-2017-fooddrug-mou": "primary",
    "referchina-2020-jiangxi": "commentary", "research-2018-mou-text": "primary",
    "rongcheng-2021-points-rules": "primary", "saic-2015-mou-text": "primary",
    "sander-2018": "commentary", "saws-worksafety-measures": "primary",
    "sccei-liu-2022": "research", "sccei-xu-kostka-cao-2022": "research",
    "sesame-weights-qa": "commentary", "spc-2017-provisions-zh": "primary",
    "spc-high-consumption-2015": "primary", "spc-judges-2015-high-consumption": "commentary",
    "spc-monitor-2016-mou": "research", "suzhou-bikes-2016": "primary",
    "tax-2014-mou-text": "primary", "tax-2016-mou-revised": "primary",
    "trivium-citizen": "research", "trivium-rewards-punishments": "research",
    "wikipedia-suining-sichuan": "reference", "wikipedia-uscc": "reference",
    "worksafety-2016-mou-text": "primary",
}

LANGUAGES = {
    "allbright-2021-duanzhilian": "zh", "caacnews-2015-tourist-records": "zh",
    "cankao-2019-suqian": "zh", "cctv-2026-03-spc": "zh", "ce-2018-rongcheng": "zh",
    "chinaacc-2015-tax-mou": "zh", "chinanews-2010-suining": "zh",
    "chinanews-2016-07-environment": "zh", "cnhubei-2015-tourist-measures": "zh",
    "cnyes-2025-shineng": "zh", "cq-jiulongpo-2025-points": "zh", "cri-2018-demo-cities": "zh",
    "csrc-2015-mou-text": "zh", "customs-2017-briefing": "zh", "customs-2017-mou-text": "zh",
    "etnet-2026-01-spc": "zh", "eyize-2018-12-patents": "zh",
    "ezhou-2019-environment-mou": "zh", "fooddrug-2016-mou-text": "zh",
    "gov-2025-credit-repair-plan": "zh", "gov-2025-opinions-zh": "zh",
    "hsrb-2020-hengshui-schools": "zh", "hunan-2023-demo-zones": "zh",
    "hzdaily-2018-qianjiang": "zh", "jamoxi-2020-rongcheng": "zh",
    "ke-2023-credit-decade": "zh", "koneksa-2016": "nl", "lei-ding-mou-diffusion": "zh",
    "mct-2018-tourist-list": "zh", "ndrc-2016-debtors-mou": "zh",
    "ndrc-2024-action-plan-zh": "zh", "pajkw-2018-research": "zh", "pboc-2021-order-4": "zh",
    "peoplesdaily-2016-tourists": "zh", "peoplesdaily-2025-10-blacklist": "zh",
    "qingyuan-patent-mou-note": "zh", "qiqihar-2017-fooddrug-mou": "zh",
    "research-2018-mou-text": "zh", "rongcheng-2021-points-rules": "zh",
    "saic-2015-mou-text": "zh", "sander-2018": "nl", "sat-2018-06-tourism": "zh",
    "saws-worksafety-measures": "zh", "sesame-weights-qa": "zh",
    "spc-2017-provisions-zh": "zh", "spc-2025-07-typical-cases": "zh",
    "spc-high-consumption-2015": "zh", "spc-judges-2015-high-consumption": "zh",
    "tax-2014-mou-text": "zh", "tax-2016-mou-revised": "zh", "tjbh-2021-demo-zones": "zh",
    "wikipedia-suining-sichuan": "de", "worksafety-2016-mou-text": "zh",
    "xinhua-2014-flight-ban": "zh", "xinhua-2014-suining": "zh", "xinhua-2015-12-listed": "zh",
    "xinhua-2015-rongcheng": "zh", "xinhua-2015-tourist-records": "zh",
    "xinhua-2017-01-flights": "zh", "xinhua-2018-06-tourism": "zh",
    "xinhua-2024-qiantang": "zh", "ycwb-2023-dongguan": "zh", "zjol-2018-qianjiang": "zh",
}


def kinds_and_languages(apps, schema_editor):
    Source = apps.get_model("systems", "Source")
    for source in Source.objects.all():
        source.kind = KINDS.get(source.key, "press")
        source.language = LANGUAGES.get(source.key, "en")
        if source.status == "illustrative":
            source.status = "reported"
        source.save(update_fields=["kind", "language", "status"])


class Migration(migrations.Migration):

    dependencies = [
        ('systems', '0005_locators_roads_feed_system'),
    ]

    operations = [
        migrations.AddField(
            model_name='feed',
            name='second_source',
            field=models.ForeignKey(blank=True, help_text='A second, independent source that states the same value (a documented row needs a primary text, or two outlets).', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='systems.source'),
        ),
        migrations.AddField(
            model_name='historicalfeed',
            name='second_source',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='A second, independent source that states the same value (a documented row needs a primary text, or two outlets).', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='systems.source'),
        ),
        migrations.AddField(
            model_name='historicalsource',
            name='kind',
            field=models.CharField(choices=[('primary', 'primary text'), ('press', 'news report'), ('research', 'research'), ('company', 'company statement'), ('reference', 'reference work'), ('commentary', 'commentary')], default='press', help_text='A primary text documents a value alone; otherwise two independent outlets (news, research or reference) must state it.', max_length=12),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='historicalsource',
            name='language',
            field=models.CharField(choices=[('en', 'English'), ('zh', 'Chinese'), ('nl', 'Dutch'), ('de', 'German'), ('fr', 'French'), ('ja', 'Japanese')], default='en', help_text='The language of the text we read.', max_length=8),
        ),
        migrations.AddField(
            model_name='source',
            name='kind',
            field=models.CharField(choices=[('primary', 'primary text'), ('press', 'news report'), ('research', 'research'), ('company', 'company statement'), ('reference', 'reference work'), ('commentary', 'commentary')], default='press', help_text='A primary text documents a value alone; otherwise two independent outlets (news, research or reference) must state it.', max_length=12),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='source',
            name='language',
            field=models.CharField(choices=[('en', 'English'), ('zh', 'Chinese'), ('nl', 'Dutch'), ('de', 'German'), ('fr', 'French'), ('ja', 'Japanese')], default='en', help_text='The language of the text we read.', max_length=8),
        ),
        migrations.AlterField(
            model_name='historicalsource',
            name='status',
            field=models.CharField(choices=[('documented', 'documented'), ('reported', 'reported')], help_text='documented: a primary text, or a reliable outlet reporting first-hand; reported: a secondary summary or a single unconfirmed report.', max_length=12),
        ),
        migrations.AlterField(
            model_name='source',
            name='status',
            field=models.CharField(choices=[('documented', 'documented'), ('reported', 'reported')], help_text='documented: a primary text, or a reliable outlet reporting first-hand; reported: a secondary summary or a single unconfirmed report.', max_length=12),
        ),
        migrations.RunPython(kinds_and_languages, migrations.RunPython.noop),
    ]
