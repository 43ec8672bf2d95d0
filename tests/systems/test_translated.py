"""Data labels in every language (systems/translated.py): a column per language, read in
the reader's language, English marked where a translation is missing, and editors'
translations going through the same admin, history, Revert and release as any edit."""

import io
import json
import re

import pytest
from django.core import checks
from django.core.management import call_command
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from systems import engine
from systems.commercial.models import Perk
from systems.pilots.models import Adjustment, Grade, Scheme
from systems.record import Record
from systems.releases.models import Release
from systems.releases.publishing import publish_now
from systems.translated import Fallback, columns, translations
from tests.helpers import PAID, seen
from tests.systems.test_admin import change_url, form_data
from tests.systems.test_editing import editor, opened, save

pytestmark = pytest.mark.django_db

ONE = "/{}/misconceptions/one-system/"


def publish(note="test"):
    with translation.override("en"):
        publish_now(Release.Kind.MINOR, note)


def test_every_language_has_its_column_and_english_is_the_fact():
    assert columns(Perk, "label") == ["label_en", "label_nl", "label_de"]
    assert set(translations(Perk)) == {"label_nl", "label_de", "note_nl", "note_de",
                                       "detail_nl", "detail_de"}
    assert Perk._meta.get_field("label_en").blank is False
    assert Perk._meta.get_field("label_nl").blank is True
    assert "label_en" in Perk.VALUE_FIELDS  # a translation restates the fact


def test_a_rule_label_reads_in_the_readers_language(client):
    row = Adjustment.objects.get(key="rc-court-paid")
    html = {code: client.get(ONE.format(code) + "?" + PAID).content.decode()
            for code in ("en", "nl", "de")}
    for code in ("en", "nl", "de"):
        label = getattr(row, f"label_{code}")
        assert label and label in html[code], code
    assert row.label_nl not in html["en"] and row.label_en not in html["de"]
    # The engine keeps results per language: the same record in two languages.
    record = Record.parse(QueryDict(PAID))
    with translation.override("nl"):
        dutch = engine.evaluate(record)["rongcheng"]
    with translation.override("en"):
        english = engine.evaluate(record)["rongcheng"]
    assert [s.label for s in dutch.trace] == [row.label_nl]
    assert [s.label for s in english.trace] == [row.label_en]


def test_a_missing_translation_shows_the_english_marked_and_check_lists_it(client):
    Adjustment.objects.filter(key="rc-court-paid").update(label_nl="")
    publish()
    html = client.get(ONE.format("nl") + "?" + PAID).content.decode()
    english = Adjustment.objects.get(key="rc-court-paid").label_en
    assert 'lang="en" class="untranslated-label" title="Nog niet vertaald' in html
    assert f">{english}</span>" in html
    assert 'class="untranslated-label"' not in client.get(ONE.format("de") + "?" + PAID) \
        .content.decode()
    found = [w for w in checks.run_checks(tags=["rules"]) if w.id == "systems.W001"]
    assert len(found) == 1 and "pilots.Adjustment" in found[0].msg
    assert "'nl'" in found[0].msg and "rc-court-paid" in found[0].msg
    with translation.override("nl"):
        value = Adjustment.objects.get(key="rc-court-paid").label
    assert isinstance(value, Fallback) and value == english


def test_the_shipped_fixtures_are_translated_in_full():
    assert [w for w in checks.run_checks(tags=["rules"]) if w.id == "systems.W001"] == []


def test_a_fallback_is_escaped_like_any_text():
    hostile = Fallback('<script>alert(1)</script> & "x"')
    assert "<script>" not in hostile.html()
    assert "&lt;script&gt;" in hostile.html()


def test_a_fallback_is_plain_text_in_attributes_and_svg_titles(client):
    """Marked only where it is element content: a scheme's name in the builder's
    aria-labels and a grade's label in the band chart's SVG title stay plain text."""
    Scheme.objects.filter(key="rongcheng-points").update(name_nl="")
    Grade.objects.filter(key="rongcheng-a").update(label_nl="")
    publish()
    for url in ("/nl/embed/", "/nl/systems/rongcheng/", ONE.format("nl") + "?" + PAID):
        html = client.get(url).content.decode()
        assert not re.search(r'="[^"]*<span', html), url
        assert not re.search(r"<(title|desc)[^>]*>[^<]*<span", html), url
    assert Scheme.objects.get(key="rongcheng-points").name_en in html


def test_an_editor_translates_in_the_admin_with_a_reason_history_and_a_release(client):
    row = Adjustment.objects.get(key="rc-court-paid")
    b = editor("editor-t")
    response = save(b, row, opened(b, row), label_nl="Veroordeeld, schuld later betaald",
                    change_reason="Betere vertaling")
    assert response.status_code == 302, response.content.decode()[:800]
    record = row.history.latest()
    diff = record.diff_against(record.prev_record)
    assert [(c.field, c.new) for c in diff.changes] == [
        ("label_nl", "Veroordeeld, schuld later betaald")]
    assert record.history_change_reason == "Betere vertaling"
    # Not live until released; a translation is a minor release (no fact changed).
    assert "Veroordeeld, schuld later betaald" not in client.get(
        ONE.format("nl") + "?" + PAID).content.decode()
    release = publish_now(Release.Kind.MINOR, "Dutch label")
    assert release.is_published
    assert "Veroordeeld, schuld later betaald" in client.get(
        ONE.format("nl") + "?" + PAID).content.decode()
    # Revert through the row's history page restores the Dutch text.
    url = reverse("admin:pilots_adjustment_simple_history", args=[row.pk, record.prev_record.pk])
    form = b.get(url).context["adminform"].form
    data = {**form_data(record.prev_record.instance), "based_on": form["based_on"].value(),
            "change_reason": "Revert"}
    assert b.post(url, seen(data)).status_code == 302
    row.refresh_from_db()
    assert row.label_nl == record.prev_record.label_nl != "Veroordeeld, schuld later betaald"


def test_the_admin_form_shows_each_language_and_the_rules_page_the_english_only(admin_client):
    row = Adjustment.objects.get(key="rc-court-paid")
    html = admin_client.get(change_url(row)).content.decode()
    for code in ("en", "nl", "de"):
        assert f'name="label_{code}"' in html and f"label [{code}]" in html.lower()
    page = admin_client.get(reverse("admin:editing-system-rules", args=["rongcheng"]))
    assert 'label_en"' in page.content.decode() and 'label_nl"' not in page.content.decode()


def test_a_release_note_in_each_language(client):
    Adjustment.objects.filter(key="rc-court-paid").update(label_en="Paid a court debt late")
    release = publish_now(Release.Kind.MINOR, {"en": "A clearer label.",
                                                "nl": "Een duidelijker label.",
                                                "de": "Eine klarere Bezeichnung."})
    assert (release.note_en, release.note_nl) == ("A clearer label.", "Een duidelijker label.")
    assert "Een duidelijker label." in client.get("/nl/changes/").content.decode()
    assert "Eine klarere Bezeichnung." in client.get("/de/changes/feed/").content.decode()


def test_export_writes_every_language(tmp_path):
    call_command("export_fixtures", dir=tmp_path, stdout=io.StringIO())
    perks = json.loads((tmp_path / "commercial.json").read_text())
    perk = next(o["fields"] for o in perks if o["model"] == "commercial.perk")
    assert {"label_en", "label_nl", "label_de"} <= set(perk) and "label" not in perk
