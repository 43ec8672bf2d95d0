"""Translations (explainer/translations/): each catalogue complete and its placeholders
intact, every interface string of the code in each catalogue, catalogues compiled without
GNU gettext, and each translated page held to the English file it translates."""

import json
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from explainer.translations import catalogues, pages
from systems.pilots.models import Adjustment


def test_every_language_has_its_catalogue():
    languages = {path.parent.parent.name for path in catalogues.catalogues()}
    assert languages == {"nl", "de"}


@pytest.mark.parametrize("path", catalogues.catalogues(), ids=lambda p: p.parent.parent.name)
def test_a_catalogue_is_complete_and_keeps_its_placeholders(path):
    assert catalogues.problems(path) == []


def test_the_checks_catch_what_readers_would_see(tmp_path):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Run by %(who)s", msgstr="Beheerd door %(wie)s"))
    po.append(polib.POEntry(msgid="Reset", msgstr=""))
    po.append(polib.POEntry(msgid="Yes", msgstr="Ja", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Gone", msgstr="Weg", obsolete=True))
    po.append(polib.POEntry(msgid="%(n)s rule", msgid_plural="%(n)s rules",
                            msgstr_plural={0: "één regel", 1: "%(n)s regels"}))
    path = tmp_path / "nl" / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    po.save(str(path))
    found = "\n".join(catalogues.problems(path))
    assert "untranslated: 'Reset'" in found
    assert "fuzzy" in found and "'Yes'" in found
    assert "obsolete" in found and "'Gone'" in found
    assert "['%(wie)s'] differ from ['%(who)s']" in found
    assert "rule" not in found  # a singular may spell out "one"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="gettext missing: make messages "
                    "needs it (scripts/system-packages gettext)")
def test_every_string_in_the_code_is_in_each_catalogue(settings, tmp_path, monkeypatch):
    """What `make messages` would extract today, against what the catalogues hold: a new
    string not yet extracted (and translated) fails here, not on a reader's page. It runs
    on a copy of the code, so that it writes no catalogue of ours."""
    root = Path(settings.BASE_DIR)
    held = {path.parent.parent.name: {(e.msgctxt, e.msgid) for e in polib.pofile(str(path))
                                      if not e.obsolete}
            for path in catalogues.catalogues()}
    for folder in ("explainer", "systems", "templates"):
        shutil.copytree(root / folder, tmp_path / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "static", "content"))
    (tmp_path / "locale" / "nl" / "LC_MESSAGES").mkdir(parents=True)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["nl"], verbosity=0, no_obsolete=True)
    extracted = {(e.msgctxt, e.msgid) for e in polib.pofile(
        str(tmp_path / "locale" / "nl" / "LC_MESSAGES" / "django.po"))}
    assert len(extracted) > 500
    for language, entries in held.items():
        missing = sorted(m for _c, m in extracted - entries)
        assert not missing, f"{language} lacks {missing[:5]}: run make messages"


@pytest.mark.django_db
def test_catalogues_compile_without_gettext_and_django_reads_them(client):
    for path in catalogues.catalogues():
        assert path.with_suffix(".mo").is_file(), "make catalogues compiles them"
    dutch = client.get("/nl/").content.decode()
    german = client.get("/de/").content.decode()
    assert 'lang="nl"' in dutch and 'lang="de"' in german


@pytest.mark.parametrize("path", pages.translated_pages(),
                         ids=lambda p: str(p.relative_to(pages.CONTENT_DIR)))
def test_a_translated_page_keeps_the_englishs_citations_widgets_and_links(path):
    assert pages.problems(path) == []


def test_every_english_page_is_translated():
    english = {p.relative_to(pages.CONTENT_DIR / "en")
               for p in (pages.CONTENT_DIR / "en").rglob("*.md")}
    for code in ("nl", "de"):
        ours = {p.relative_to(pages.CONTENT_DIR / code)
                for p in (pages.CONTENT_DIR / code).rglob("*.md")}
        assert english - ours == set(), code


def test_the_page_checks_catch_a_dropped_citation_and_a_stale_source(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "nl").mkdir()
    english = tmp_path / "en" / "page.md"
    english.write_text("title: A page\nglance: debtor\n---\nA fact.[@a-source] "
                       "[A term](glossary:blacklist)\n\n[[simulation]]\n", encoding="utf-8")
    dutch = tmp_path / "nl" / "page.md"
    good = ("title: Een pagina\nglance: debtor\ntranslation-of: "
            f"{pages.blob_hash(english)}\n---\nEen feit.[@a-source] "
            "[Een term](glossary:blacklist)\n\n[[simulation]]\n")
    dutch.write_text(good, encoding="utf-8")
    assert pages.problems(dutch, tmp_path) == [] and not pages.stale(dutch, tmp_path)
    dutch.write_text(good.replace("[@a-source]", "").replace("glance: debtor",
                                                            "glance: schuldenaar"),
                     encoding="utf-8")
    found = "\n".join(pages.problems(dutch, tmp_path))
    assert "'glance:' is not prose" in found and "missing ['[@a-source]']" in found
    dutch.write_text(good.replace("translation-of: ", "x: "), encoding="utf-8")
    assert "translation-of" in "\n".join(pages.problems(dutch, tmp_path))
    english.write_text(english.read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    dutch.write_text(good, encoding="utf-8")
    assert pages.stale(dutch, tmp_path)


@pytest.mark.django_db
def test_the_language_links_name_each_language_in_itself_and_keep_the_record(client):
    path = "/en/misconceptions/one-system/?court_judgment=refused"
    html = client.get(path).content.decode()
    links = html.split('<span class="languages" id="languages">')[1].split("</span>")[0]
    assert ('<a href="/nl/misconceptions/one-system/?court_judgment=refused" hreflang="nl" '
            'lang="nl">Nederlands</a>') in links
    assert ">Deutsch</a>" in links and 'aria-current="true">English</a>' in links
    # After an edit, htmx swaps them for links that keep the new record.
    swapped = client.get(path + "&loan_arrears=3",
                         headers={"HX-Request": "true", "HX-Target": "results"})
    links = swapped.content.decode().split(
        '<span class="languages" id="languages" hx-swap-oob="true">')[1].split("</span>")[0]
    assert 'href="/de/misconceptions/one-system/?court_judgment=refused&amp;loan_arrears=3' \
        in links


@pytest.mark.django_db
def test_only_languages_a_page_is_written_in_are_alternates(client, monkeypatch, tmp_path):
    """hreflang names a language only where the page's text exists in it: a page shown in
    English under /de/ would be a duplicate to search engines."""
    from explainer import content
    for code in ("en", "nl"):
        shutil.copytree(content.CONTENT_DIR / "en", tmp_path / code)
    monkeypatch.setattr(content, "CONTENT_DIR", tmp_path)
    html = client.get("/en/glossary/").content.decode()
    head = html.split("</head>")[0]
    assert 'hreflang="en"' in head and 'hreflang="nl"' in head
    assert 'hreflang="de"' not in head and 'hreflang="x-default"' in head


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "words"), [
    ("nl", ["Misverstand 1", "per 6 december 2026", "Deze pagina is nog niet vertaald"]),
    ("de", ["Irrtum 1", "(Stand: 6. Dezember 2026)", "Diese Seite ist noch nicht übersetzt"]),
])
def test_a_chapter_reads_in_its_language_with_its_dates(client, language, words):
    """Text, interface and dates in the reader's language (dates as each language writes
    them: explainer/formats/), and no note that the page is untranslated."""
    title, as_of, untranslated = words
    html = client.get(f"/{language}/misconceptions/one-system/").content.decode()
    assert f'<html lang="{language}">' in html
    assert f'<article class="prose" lang="{language}">' in html
    assert title in html and as_of in html and untranslated not in html


@pytest.mark.django_db
def test_survey_shares_are_written_as_each_language_writes_them(client):
    english = client.get("/en/misconceptions/citizens/").content.decode()
    german = client.get("/de/misconceptions/citizens/").content.decode()
    assert ">about 80%<" in english and ">at most 19%<" in english
    assert ">etwa 80 %<" in german and ">höchstens 19 %<" in german


@pytest.mark.django_db
def test_the_sitemap_lists_each_page_in_the_languages_it_is_written_in(client, monkeypatch,
                                                                        tmp_path):
    from explainer import content
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/de/misconceptions/points/</loc>" in xml
    assert 'hreflang="nl" href="http://testserver/nl/glossary/"' in xml
    # Without its German translation, the glossary is listed in English and Dutch only.
    shutil.copytree(content.CONTENT_DIR, tmp_path / "content")
    (tmp_path / "content" / "de" / "glossary.md").unlink()
    monkeypatch.setattr(content, "CONTENT_DIR", tmp_path / "content")
    from django.core.cache import cache
    cache.clear()
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/de/glossary/</loc>" not in xml
    assert "<loc>http://testserver/nl/glossary/</loc>" in xml
    assert "<loc>http://testserver/de/misconceptions/points/</loc>" in xml


@pytest.mark.django_db
def test_numbers_the_engines_write_take_the_readers_decimal_mark(client):
    """Nosedive's stars and the steps of a trace: "4,30 ★" in Dutch and German, "4.30 ★" in
    English; the strip's data attributes, which scripts read, keep the point."""
    query = "?jaywalking=3&rude_to_strangers=2"  # the permalink order (else a redirect)
    english = client.get(f"/en/misconceptions/nosedive/{query}").content.decode()
    dutch = client.get(f"/nl/misconceptions/nosedive/{query}").content.decode()
    stars = re.search(r'data-system="nosedive"[^>]*data-value="([0-9.]+)"', english)[1]
    assert float(stars) != int(float(stars))  # a rating with decimals, to tell the marks apart
    assert f"{float(stars):.2f} ★" in english
    assert f"{float(stars):.2f}".replace(".", ",") + " ★" in dutch
    assert f'data-value="{stars}"' in dutch


# The API, oEmbed, the Sources page and the admin's lockout in the reader's language.

@pytest.mark.django_db
def test_the_api_answers_in_the_language_asked_and_refuses_an_unknown_one(client):
    row = Adjustment.objects.get(key="rc-court-paid")
    for code in ("en", "nl", "de"):
        response = client.get(f"/api/v1/rules.json?lang={code}")
        assert response.status_code == 200 and response["Content-Language"] == code
        labels = {r["label"] for r in json.loads(response.content)}
        assert getattr(row, f"label_{code}") in labels, code
    assert client.get("/api/v1/rules.json")["Content-Language"] == "en"
    refused = client.get("/api/v1/pilots.json?lang=fr")
    assert refused.status_code == 400
    assert json.loads(refused.content)["errors"]["lang"] == \
        "lang must be one of en, nl, de, not 'fr'."
    simulate = client.get("/api/v1/simulate?lang=xx&loan_arrears=2")
    assert simulate.status_code == 400 and "lang" in json.loads(simulate.content)["errors"]
    dutch = json.loads(client.get("/api/v1/simulate?lang=nl&colour=red").content)
    assert dutch["errors"]["colour"].startswith("Er is geen")
    assert client.get("/api/v1/simulate?lang=de&court_judgment=paid").status_code == 200


@pytest.mark.django_db
def test_oembed_names_the_site_as_author_in_the_pages_language(client):
    answer = json.loads(client.get("/oembed?url=http://testserver/de/misconceptions/one-system/")
                        .content)
    assert answer["author_name"] == answer["provider_name"] == "Chinas Kreditsysteme erklärt"
    assert answer["author_url"].endswith("/de/")


@pytest.mark.django_db
def test_the_sources_page_says_which_sources_are_in_dutch_or_german(client):
    html = client.get("/nl/sources/").content.decode()
    assert re.search(r"2 bronnen in het Nederlands: <a href=\"#source-[a-z0-9-]+\">", html)
    assert "1 bron in het Duits:" in html
    assert 'lang="zh-Hans" hreflang="zh-Hans"' in html
    german = client.get("/de/sources/").content.decode()
    assert "2 Quellen auf Niederländisch" in german and "1 Quelle auf Deutsch" in german


@pytest.mark.django_db
def test_the_lockout_message_is_in_the_editors_language(client, settings):
    User.objects.create_user("locked", password="right-password-123", is_staff=True)
    for _attempt in range(5):
        client.post("/admin/login/", {"username": "locked", "password": "wrong"},
                    HTTP_ACCEPT_LANGUAGE="de")
    locked = client.post("/admin/login/", {"username": "locked", "password": "wrong"},
                         HTTP_ACCEPT_LANGUAGE="de")
    assert "Nach fünf falschen Passwörtern ist die Anmeldung 15 Minuten lang gesperrt" in \
        locked.content.decode()


@pytest.mark.django_db
def test_a_page_asked_for_under_another_language_is_kept_in_its_own(client):
    """A Dutch page rendered while English is active (a check, the builder, a teacher's
    page) is still Dutch when a Dutch reader gets it from the cache: its dates and its
    sources' notes."""
    from django.utils import translation

    from explainer import content
    from systems.releases import editions
    from systems.releases.models import Release
    content._render.cache_clear()
    readers = editions.pinned(Release.objects.latest_published())  # what a reader reads
    with translation.override("en"), editions.using(readers):
        content.load("one-system", "nl")
    html = client.get("/nl/misconceptions/one-system/").content.decode()
    assert "per 6 december 2026" in html and "as of 6 December 2026" not in html


def test_a_glossary_entry_reads_in_the_language_of_its_file(monkeypatch, tmp_path):
    """A definition's "as of" is written in its file's language, whichever language was
    active when it was first read: a Dutch popover never carries "as of", and an English
    definition shown where no translation exists never carries "per"."""
    from django.utils import translation

    from explainer import content
    for code in ("en", "nl"):
        (tmp_path / code).mkdir()
    (tmp_path / "en" / "glossary.md").write_text(
        "title: Glossary\nas-of-law: 2026-12-06\n---\n## Law {#law}\n\n"
        "No national law is in force [as-of:law].\n", encoding="utf-8")
    (tmp_path / "nl" / "glossary.md").write_text(
        "title: Woordenlijst\nas-of-law: 2026-12-06\n---\n## Wet {#law}\n\n"
        "Er is geen landelijke wet [as-of:law].\n", encoding="utf-8")
    monkeypatch.setattr(content, "CONTENT_DIR", tmp_path)
    content._glossary.cache_clear()
    with translation.override("de"):
        assert content.load_glossary("nl")["law"][1].endswith("per 6 december 2026.")
        assert content.load_glossary("de")["law"][1].endswith("as of 6 December 2026.")
    with translation.override("nl"):
        assert content.load_glossary("en")["law"][1].endswith("as of 6 December 2026.")
    content._glossary.cache_clear()
