"""Anything editors type reaches readers as text: escaped in HTML, SVG, attributes, the
Atom feed and the admin's own pages, never read as Markdown, and never a `javascript:` link.

Each test stores hostile values through the ORM (`save()`), publishes them (readers see
only what is released; `page()` releases what was saved), fetches every page where the
field shows, and checks both halves: the markup never reaches the page as markup, and its
escaped text does show, so a test cannot pass because the field is not on the page.
"""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from explainer import content
from systems.blacklists.models import Blacklist, ListingRule, Sanction
from systems.commercial.models import Dimension, Factor, Perk, Restriction, Tier
from systems.models import Feed, Persona, Source
from systems.nosedive.models import Baseline, RatingRule, Threshold
from systems.pilots.models import Adjustment, Consequence, Grade, Pilot, Scheme
from systems.releases.models import Release
from systems.releases.publishing import Refused, publish_now
from systems.translated import columns

pytestmark = pytest.mark.django_db

PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</style><script>"]
# What a payload looks like once it is markup; no page of ours carries these otherwise.
MARKUP = ("<script>", "<img src=x", "</style><script>")
SHORT = '"><b>1</b>'  # for the 10-character date fields

ONE = "/en/misconceptions/one-system/"
SOURCES = "/en/sources/"
SYSTEMS = "/en/systems/"
CHANGES = "/en/changes/"
FEED = "/en/changes/feed/"
SIMULATION_CHAPTERS = ["one-system", "data-sharing", "points", "nosedive"]
DEBTOR = "persona=debtor-who-refuses"
PAID = "persona=debtor-who-paid"


def system(key):
    return f"/en/systems/{key}/"


def chapter(slug):
    return f"/en/misconceptions/{slug}/"


def simulation(query=""):
    """Every page that shows the comparison for this record: the chapters and the embeds."""
    q = f"?{query}" if query else ""
    return [chapter(slug) + q for slug in SIMULATION_CHAPTERS] + [
        "/embed/compare/" + q, "/embed/dataflow/" + q]


def citing(key):
    """The pages whose text cites a source: its footnote shows title, outlet and date."""
    named = {"home": "/en/", "glossary": "/en/glossary/", "timeline": "/en/timeline/",
             "memorandums": "/en/systems/blacklists/memorandums/"}
    return [named.get(name) or (system(name[8:]) if name.startswith("systems/")
                                else f"/en/{name}/" if name.startswith("teach/")
                                else chapter(name))
            for name in content.cited_on()[key]]


SESAME, BLACKLISTS, RONGCHENG, NOSEDIVE = (
    system(key) for key in ("sesame", "blacklists", "rongcheng", "nosedive"))
PILOTS = [chapter("points"), "/embed/pilots/?sort=province"]  # the embed's table, opened
# (model, row key, {field: the pages where it shows}). A system's page lists every change
# to its rows, so a changed field shows there too.
ROWS = [
    (Source, "sander-2018", {"title": [SOURCES, *citing("sander-2018")],
                             "outlet": [SOURCES, *citing("sander-2018"), *PILOTS],
                             "locator": [SOURCES, *citing("sander-2018")],
                             "note": [SOURCES]}),
    (Source, "clt-court-list-2017", {"outlet": [SOURCES, *citing("clt-court-list-2017"),
                                                *simulation(DEBTOR)]}),
    (Source, "spc-monitor-2016-mou", {"outlet": [SOURCES, *citing("spc-monitor-2016-mou"),
                                                 BLACKLISTS, *simulation(DEBTOR)]}),
    (Source, "kostka-2019", {"outlet": [SOURCES, *citing("kostka-2019"), "/embed/surveys/"]}),
    (Source, "clt-daum-blacklists", {"outlet": [SOURCES, SYSTEMS,
                                                *citing("clt-daum-blacklists")]}),
    (Source, "verge-2017-ringtones", {"outlet": [SOURCES, *citing("verge-2017-ringtones"),
                                                 *PILOTS]}),
    (Factor, "sesame-late-bills", {"label": [SESAME, *simulation("late_bills=2")],
                                   "note": [SESAME, *simulation("late_bills=2")]}),
    (Dimension, "credit-history", {"name": [SESAME, *simulation("late_bills=2")],
                                   "note": [SESAME, *simulation()]}),
    (Tier, "sesame-good", {"label": [SESAME, *simulation()], "note": [SESAME]}),
    (Perk, "suzhou-public-bikes", {"label": [SESAME, *simulation()],
                                   "detail": [SESAME, *simulation()]}),
    (Restriction, "sesame-no-luxury", {"label": [SESAME, *simulation(DEBTOR)],
                                       "detail": [SESAME, *simulation(DEBTOR)]}),
    (Blacklist, "spc-defaulters", {"name": [BLACKLISTS, *simulation(DEBTOR)],
                                   "term": [BLACKLISTS, *simulation(DEBTOR)],
                                   "removal": [BLACKLISTS, *simulation(DEBTOR)]}),
    (ListingRule, "court-refused", {"label": [BLACKLISTS, *simulation(DEBTOR)],
                                    "note": [BLACKLISTS]}),
    (Sanction, "no-flights", {"label": [BLACKLISTS, *simulation(DEBTOR)],
                              "imposed_by": [BLACKLISTS, *simulation(DEBTOR)]}),
    (Feed, "blacklists-court-judgment", {"channel": [BLACKLISTS]}),
    (Scheme, "rongcheng-points", {"name": [RONGCHENG, *simulation()],
                                  "eligibility": [RONGCHENG, *simulation()]}),
    (Grade, "rongcheng-a", {"label": [RONGCHENG, *simulation(PAID)],
                            "note": [RONGCHENG, *simulation(PAID)]}),
    (Consequence, "rongcheng-a-none", {"label": [RONGCHENG, *simulation(PAID)]}),
    (Adjustment, "rc-court-paid", {"label": [RONGCHENG, *simulation(PAID)],
                                   "note": [RONGCHENG]}),
    (Baseline, "lacie-start", {"label": [NOSEDIVE],
                               "note": [NOSEDIVE, *simulation("rude_to_strangers=3")]}),
    (RatingRule, "nd-rude", {"label": [NOSEDIVE, *simulation("rude_to_strangers=3")],
                             "note": [NOSEDIVE, *simulation("rude_to_strangers=3")]}),
    (Threshold, "nd-pelican-cove", {"label": [NOSEDIVE, *simulation()]}),
    (Pilot, "rongcheng", {"city": PILOTS, "city_zh": PILOTS, "province": PILOTS,
                          "summary": PILOTS}),
    (Persona, "debtor-who-refuses", {"name": simulation(), "summary": simulation(DEBTOR)}),
]


def every_payload(model, field):
    """The field's name and all three payloads, in one value the field can hold: a short
    field gets them folded into one ('"><img src=x' breaks out of an attribute, and
    '</style><script>' closes a style block and opens a script)."""
    limit = model._meta.get_field(columns(model, field)[0]).max_length
    value = f"{field}:{''.join(PAYLOADS)}"
    if limit is not None and len(value) > limit:
        value = f'{field}:"><img src=x></style><script>'
    assert all(markup in value for markup in MARKUP)
    return value


def save(row, **values):
    for name, value in values.items():
        field = columns(type(row), name)[0]  # a translated field: its English column
        limit = row._meta.get_field(field).max_length
        assert limit is None or len(value) <= limit, f"{field} holds {limit} characters"
        setattr(row, field, value)
    row._change_reason = "escaping test"
    row.save()


def release(note="escaping test"):
    """Publish what the test saved: readers see nothing before it is released."""
    try:
        with translation.override("en"):  # a Dutch page before may leave Dutch active
            publish_now(Release.Kind.MAJOR, note)  # a perk's label is a fact: major
    except Refused as refused:
        assert "Nothing to publish" in str(refused), refused.messages


def page(client, url):
    if not url.startswith("/admin/"):
        release()
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_text(html, value, where):
    """`value` shows on the page as text, and none of it reaches the page as markup."""
    assert escape(value) in html, f"{value!r} does not show on {where}"
    assert value not in html, f"{value!r} reaches {where} unescaped"
    for markup in MARKUP:
        assert markup not in html, f"{markup!r} reaches {where} as markup"


LINK = re.compile(r"""\b(?:href|src|action|formaction|xlink:href)\s*=\s*"""
                  r"""("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)


def assert_no_script_links(html, where):
    """No href, src, action or xlink:href starts with `javascript:`, however it is spelt
    (entities, case, the whitespace and control characters browsers drop)."""
    for quoted in LINK.findall(html):
        link = re.sub(r"[\x00-\x20]", "", unescape(quoted.strip("\"'"))).lower()
        assert not link.startswith("javascript:"), f"{where} links to {quoted}"


@pytest.mark.parametrize("model, key, shows", ROWS,
                         ids=[f"{m.__name__}-{k}" for m, k, _s in ROWS])
def test_a_text_field_shows_escaped_on_every_page_it_reaches(client, model, key, shows):
    """Labels, notes, names and summaries show as text wherever they reach readers. Each
    field holds all three payloads at once (element content, a broken-out attribute, a
    closed style block): one release and one round of pages per row, not three."""
    row = model.objects.get(key=key)
    values = {field: every_payload(model, field) for field in shows}
    save(row, **values)
    pages = {}
    for field, urls in shows.items():
        for url in urls:
            if url not in pages:
                pages[url] = page(client, url)
            assert_text(pages[url], values[field], f"{url} ({model.__name__}.{field})")


@pytest.mark.parametrize("field", ["published", "retrieved"])
def test_a_sources_dates_show_escaped_though_the_form_would_refuse_them(client, field):
    """A date saved around the form's format check still shows only as text."""
    source = Source.objects.get(key="sander-2018")
    save(source, **{field: SHORT})
    urls = [SOURCES, *citing("sander-2018")] if field == "published" else [SOURCES]
    for url in urls:
        html = page(client, url)
        assert escape(SHORT) in html and "<b>1</b>" not in html, url


def test_a_source_title_is_never_read_as_markdown(client):
    """Footnotes are built after Markdown, so a title cannot make a link or emphasis."""
    source = Source.objects.get(key="sander-2018")
    save(source, title="x](javascript:alert(1)) [y *z* {: onclick=alert(1) }")
    html = page(client, ONE)
    note = html.split('<li id="fn:sander-2018">')[1].split("</li>")[0]
    assert escape(source.title) in note and "<em>" not in note
    assert not re.search(r"<[^>]+\sonclick", note) and "SOURCE-NOTE" not in html
    assert note.count("<a ") == 1 + note.count("footnote-backref")
    assert_no_script_links(html, ONE)


def test_a_choice_saved_around_its_choices_stays_inside_its_class_attribute(client):
    """A consequence's kind names a CSS class in the comparison: escaped there too."""
    save(Consequence.objects.get(key="rongcheng-a-none"), kind=SHORT)
    for url in simulation(PAID):
        html = page(client, url)
        assert f"effect-{escape(SHORT)}" in html and "<b>1</b>" not in html, url


def every_page():
    """Reader pages, embeds, the API docs and the changes page, with records that make the
    rules fire, so every field meets every template and Python HTML builder."""
    people = [f"persona={key}" for key in Persona.objects.values_list("key", flat=True)]
    return ["/en/", SYSTEMS, SOURCES, "/en/glossary/", CHANGES, "/en/embed/", "/api/",
            "/en/privacy/", "/embed/pilots/", "/embed/surveys/", "/en/timeline/",
            "/en/systems/blacklists/memorandums/",
            *[system(key) for key in ("sesame", "blacklists", "rongcheng", "suining",
                                      "hangzhou", "nosedive")],
            chapter("citizens"), *simulation(),
            *[f"{url}?{query}" for query in people for url in (ONE, "/embed/compare/")]]


def in_every_language(urls):
    """The pages in English, Dutch and German (where the translated columns show)."""
    found = []
    for url in urls:
        found.append(url)
        for code in ("nl", "de"):
            if url.startswith("/en/"):
                found.append(f"/{code}/{url[4:]}")
            elif url.startswith(("/embed/", "/api/")):
                found.append(url + ("&" if "?" in url else "?") + f"lang={code}")
    return found


def test_no_source_url_becomes_a_script_link_anywhere(client):
    """A `javascript:` URL saved around the form's validation is never a link: citations
    fall back to the source's entry, and the Sources page shows the address as text."""
    for source in Source.objects.all():
        save(source, url="javascript:alert(1)", read_at=" JaVaScRiPt:alert(2)")
    for url in every_page():
        html = page(client, url)
        assert_no_script_links(html, url)
    html = page(client, SOURCES)
    assert "JaVaScRiPt:alert(2)" in html
    assert 'href="/en/sources/#source-sander-2018"' in page(client, ONE)


def test_a_url_that_carries_markup_is_refused_and_stays_inside_its_attribute(client):
    """Validation refuses quotes and angle brackets in a URL; one saved around it anyway
    is escaped by every page."""
    source = Source.objects.get(key="sander-2018")
    hostile = 'https://example.org/")<script>alert(1)</script>'
    source.url = hostile
    with pytest.raises(ValidationError) as refused:
        source.full_clean()
    assert "plain web address" in " ".join(refused.value.message_dict["url"])
    save(source, url=hostile)
    for url in [SOURCES, ONE]:
        html = page(client, url)
        assert f'href="{escape(hostile)}"' in html, url
        assert "<script>" not in html, url


def test_the_admin_refuses_a_script_url_with_a_clear_message(client):
    """Source.url and read_at are URLFields: model validation and the admin form refuse
    `javascript:` next to the field, and nothing is saved."""
    source = Source.objects.get(key="sander-2018")
    source.url = "javascript:alert(1)"
    with pytest.raises(ValidationError) as refused:
        source.full_clean()
    assert "Enter a valid URL." in refused.value.message_dict["url"]
    source.refresh_from_db()
    client.force_login(User.objects.create_superuser("chief", "chief@example.org", "x"))
    data = {k: ("" if v is None else v) for k, v in model_to_dict(source).items() if k != "id"}
    data.update(url="javascript:alert(1)", read_at="JAVASCRIPT:alert(2)",
                checked=source.checked.isoformat(), change_reason="test",
                based_on=source.history.order_by("-history_id").first().history_id)
    response = client.post(reverse("admin:systems_source_change", args=[source.pk]), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Enter a valid URL." in errors["url"] and "Enter a valid URL." in errors["read_at"]
    assert 'id="id_url_error"' in response.content.decode()
    assert Source.objects.get(pk=source.pk).url == source.url


@pytest.mark.parametrize("payload", PAYLOADS, ids=["script", "attribute", "style"])
def test_release_notes_reasons_and_changed_values_are_text(client, payload):
    """What changed: the release note, the editor's reason and the old and new values show
    as text on the changes page and the system page."""
    row = Adjustment.objects.get(key="rc-court-paid")
    row.label_en = f"label:{payload}"
    row._change_reason = f"why:{payload}"[:100]
    row.save()
    release(f"note:{payload}")
    html = page(client, CHANGES)
    for value in (f"note:{payload}", f"why:{payload}", f"label:{payload}"):
        assert_text(html, value, CHANGES)
    html = page(client, system("rongcheng"))
    for value in (f"why:{payload}", f"label:{payload}"):
        assert_text(html, value, system("rongcheng"))


@pytest.mark.parametrize("payload", PAYLOADS, ids=["script", "attribute", "style"])
def test_the_atom_feed_summary_is_html_that_shows_the_text(client, payload):
    """Atom's summary is HTML: a reader decodes the XML once and must find text there."""
    row = Adjustment.objects.get(key="rc-court-paid")
    save(row, label=f"label:{payload}")
    release(f"note:{payload}")
    response = client.get(FEED)
    assert response["Content-Type"].startswith("application/atom+xml")
    atom = "{http://www.w3.org/2005/Atom}"
    entry = ET.fromstring(response.content).find(f"{atom}entry")
    summary = entry.find(f"{atom}summary")
    assert summary.get("type") == "html"
    for value in (f"note:{payload}", f"label:{payload}"):
        assert_text(summary.text, value, "the feed's summary")
    assert payload not in entry.find(f"{atom}title").text


@pytest.mark.parametrize("payload", PAYLOADS, ids=["script", "attribute", "style"])
def test_the_admins_own_pages_show_data_as_text(client, admin_client, payload):
    """The review queue, a system's rules on one page and the impact preview escape rows,
    form values and persona names."""
    source = Source.objects.get(key="kostka-2019")
    save(source, title=f"title:{payload}", checked=datetime.date(2020, 1, 1))
    factor = Factor.objects.get(key="sesame-late-bills")
    save(factor, label=f"label:{payload}", note=f"note:{payload}")
    html = page(admin_client, reverse("admin:editing-review"))
    assert_text(html, f"title:{payload}", "the review queue")
    html = page(admin_client, reverse("admin:editing-system-rules", args=["sesame"]))
    for value in (f"label:{payload}", f"note:{payload}"):
        assert_text(html, value, "the sesame rules page")

    save(Persona.objects.get(key="debtor-who-paid"), name=f"name:{payload}")
    row = Adjustment.objects.get(key="rc-court-paid")
    data = {k: ("" if v is None else v) for k, v in model_to_dict(row).items() if k != "id"}
    data.update(points="-40", checked=row.checked.isoformat(), change_reason="test",
                source_checked="on", source=row.source_id,
                based_on=row.history.order_by("-history_id").first().history_id)
    response = admin_client.post(reverse("admin:pilots_adjustment_change", args=[row.pk]), data)
    html = response.content.decode()
    assert 'id="impact"' in html
    assert_text(html, f"name:{payload}", "the impact preview")


def test_data_downloads_are_not_html(client):
    """JSON and CSV carry the values exactly, as data types browsers never render as
    HTML (nosniff); JSON escapes nothing it need not."""
    hostile = PAYLOADS[0]
    save(Pilot.objects.get(key="rongcheng"), summary=hostile)
    save(Persona.objects.get(key="debtor-who-refuses"), name=hostile)
    save(Source.objects.get(key="sander-2018"), title=hostile)
    save(Factor.objects.get(key="sesame-late-bills"), label=hostile)
    release()
    found = {}
    for name in ("pilots", "personas", "sources", "rules"):
        response = client.get(f"/api/v1/{name}.json")
        assert response["Content-Type"].startswith("application/json")
        assert response["X-Content-Type-Options"] == "nosniff"
        found[name] = json.dumps(json.loads(response.content))
    assert all(json.dumps(hostile)[1:-1] in text for text in found.values())
    for name, column in (("pilots", "summary"), ("rules", "label")):
        response = client.get(f"/api/v1/{name}.csv")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["X-Content-Type-Options"] == "nosniff"
        rows = csv.DictReader(io.StringIO(response.content.decode()))
        assert hostile in [row[column] for row in rows]


def test_oembed_html_carries_no_editor_text(client):
    """The oEmbed html is our title and our addresses only: a hostile persona or source
    never reaches a host's page through it."""
    hostile = PAYLOADS[1]
    save(Persona.objects.get(key="debtor-who-refuses"), name=f"name:{hostile}",
         summary=f"summary:{hostile}")
    save(Source.objects.get(key="sander-2018"), title=f"title:{hostile}")
    release()
    chapter_url = f"http://testserver{ONE}?{DEBTOR}"
    response = client.get("/oembed", {"url": chapter_url, "format": "json"})
    assert response.status_code == 200
    text = response.json()["html"]
    assert "<iframe" in text and "name:" not in text and "title:" not in text
    for markup in MARKUP:
        assert markup not in text
    assert_no_script_links(text, "the oEmbed html")


EDITABLE = {"systems", "commercial", "blacklists", "pilots", "nosedive", "timeline"}
NOT_TEXT = {"key", "parameter", "value", "residence", "system", "published", "retrieved", "url",
            "read_at", "date", "signed", "chapters"}


def text_fields() -> dict:
    """Every free-text field an editor can change: {model: [field names]}."""
    found = {}
    for model in apps.get_models():
        if model._meta.app_label in EDITABLE and not model.__name__.startswith("Historical"):
            found[model] = [field.name for field in model._meta.concrete_fields
                            if isinstance(field, models.CharField | models.TextField)
                            and not field.choices and field.name not in NOT_TEXT]
    return found


def test_no_text_field_reaches_any_page_as_markup(client, admin_client):
    """Every free-text field of every row at once, on every page and the admin's own pages:
    no markup anywhere, and every field shows somewhere (so none is left untested)."""
    values = {}
    for model, fields in text_fields().items():
        mine = {field: f"F{len(values) + n:02d}:{PAYLOADS[(len(values) + n) % 3]}"
                for n, field in enumerate(fields)}
        values.update({(model, field): value for field, value in mine.items()})
        if any(field.name == "checked" for field in model._meta.fields):
            mine["checked"] = datetime.date(2020, 1, 1)  # so the review queue lists them
        for row in model.objects.all():
            # Outlets stay apart: two sources from one outlet would document nothing.
            own = {**mine, "outlet": f"{mine['outlet']} {row.pk}"} if "outlet" in mine else mine
            save(row, **own)
    release(f"note:{PAYLOADS[0]}")
    admin = [reverse("admin:index"), reverse("admin:editing-review") + "?months=0",
             *[reverse("admin:editing-system-rules", args=[key])
               for key in ("sesame", "blacklists", "rongcheng", "suining", "hangzhou",
                           "nosedive")],
             # Each row's own page: the only place some translations show (an authority,
             # a scheme's parts), since the system's page edits the English only.
             *[reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                       args=[model.objects.first().pk])
               for model in text_fields() if model.objects.exists()]]
    seen = ""
    for url in in_every_language(every_page()) + admin:
        html = page(admin_client if url.startswith("/admin/") else client, url)
        for markup in MARKUP:
            assert markup not in html, f"{markup!r} reaches {url} as markup"
        assert_no_script_links(html, url)
        seen += html
    missing = [f"{model.__name__}.{field}" for (model, field), value in values.items()
               if escape(value) not in seen]
    assert not missing, f"never shown, so never checked: {missing}"
