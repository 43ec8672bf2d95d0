"""What each process keeps so that a record never seen before is quick (the step bar per
step, a scheme's "Lives in" words per place, a system's own phrases per system; see
explainer/serving/README.md, "Records never seen before"): kept per data edition and
language, so a published release moves them on, a draft stays the editors', and one
language's words never reach a page in another."""

import struct

import pytest
from django.utils import translation
from django.utils.translation import trans_real

import explainer.templatetags.explainer as tags
from explainer import content, panel, steps
from explainer.context_processors import has_catalog
from systems import engine, record
from systems.pilots.models import Scheme
from systems.releases import version
from systems.releases.publishing import publish_now

pytestmark = pytest.mark.django_db

DUTCH = {"Lives in %(place)s": "Woont in %(place)s", "Run by %(who)s": "Beheerd door %(who)s",
         "Start from: %(name)s": "Begin bij: %(name)s"}


def step_record(n: int) -> str:
    return content.load_steps()["one-system"][n]["record"]


def page(client, query: str, language: str = "en", partial: bool = False) -> str:
    url = f"/{language}/misconceptions/one-system/"  # not reverse(): it follows the
    # language the last request left active in this thread
    headers = {"HX-Request": "true", "HX-Target": "results"} if partial else {}
    response = client.get(f"{url}?{query}", headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def bar(html: str) -> str:
    return html.split('<nav class="step-bar"')[1].split("</nav>")[0]


def test_a_published_release_moves_the_kept_words_on_and_a_draft_does_not(client):
    """Step 2 says where the person lives in the words of the place's scheme: an editor's
    rename waits in the draft until it is published, then every kept piece follows (the
    step bar, the place in the form's words, the strip and the columns)."""
    assert "Lives in Rongcheng; Opted in to local scoring" in bar(page(client, step_record(1)))
    scheme = Scheme.objects.get(residence="rongcheng")
    scheme.place = "Rongcheng City"
    scheme._change_reason = "The city's own name"
    scheme.save()
    # Readers still read the published release: the edit is the draft's.
    html = page(client, step_record(1) + "&loan_arrears=1", partial=True)
    assert "Lives in Rongcheng;" in bar(html) and "Rongcheng City" not in html
    publish_now("minor", "The city's own name")
    for query in (step_record(1), step_record(1) + "&loan_arrears=1"):
        html = page(client, query, partial=True)
        assert "Lives in Rongcheng City; Opted in to local scoring" in bar(html), query
        assert "Lives in Rongcheng;" not in html


def write_catalog(path, messages: dict[str, str]) -> None:
    """A GNU .mo catalogue of `messages` (the format msgfmt writes), UTF-8."""
    entries = sorted({"": "Content-Type: text/plain; charset=UTF-8\n", **messages}.items())
    ids = [k.encode() for k, _v in entries]
    strs = [v.encode() for _k, v in entries]
    start = 7 * 4 + 16 * len(entries)
    table, data = [], b""
    for text in (*ids, *strs):
        table.append((len(text), start + len(data)))
        data += text + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, len(entries), 28, 28 + 8 * len(entries), 0, 0)
    path.parent.mkdir(parents=True)
    path.write_bytes(header + b"".join(struct.pack("<2I", *t) for t in table) + data)


@pytest.fixture
def dutch(tmp_path, settings):
    """A Dutch catalogue with a few of the kept phrases (the site has none yet)."""
    write_catalog(tmp_path / "nl" / "LC_MESSAGES" / "django.mo", DUTCH)
    settings.LOCALE_PATHS = [tmp_path]

    def forget():
        """What a restart forgets (a catalogue only ever changes with a deploy): the
        catalogues read, and the words kept per language by earlier tests."""
        trans_real._translations = {}
        trans_real._default = None
        has_catalog.cache_clear()
        content._render.cache_clear()  # pages rendered with this catalogue
        content._glossary.cache_clear()
        for kept in (record._residences, record._described, steps._kept_position,
                     panel.words):
            kept.cache_clear()
        for kept in (panel._built, tags._pickers,
                     *(loaded.memo for loaded in engine._releases.values())):
            kept.clear()
    forget()
    yield
    forget()
    translation.activate(settings.LANGUAGE_CODE)


def test_one_languages_kept_words_never_reach_another(client, dutch):
    """In turns, the same records in English and Dutch: each page in its own words."""
    records = [step_record(1), step_record(1) + "&late_bills=2", step_record(0)]
    for query in [*records, *records]:
        english, dutch_page = page(client, query, partial=True), page(
            client, query, "nl", partial=True)
        assert "Lives in Rongcheng" in english and "Woont in" not in english
        assert "Woont in Rongcheng" in dutch_page and "Lives in Rongcheng" not in dutch_page
        assert "Run by " in english and "Beheerd door" not in english
        assert "Beheerd door " in dutch_page and "Run by" not in dutch_page
        # Links reversed once per language ({% fixed_url %}) keep each page's prefix.
        assert 'class="embed-this"><a href="/en/embed/' in english
        assert 'class="embed-this"><a href="/nl/embed/' in dutch_page


def test_a_record_never_seen_costs_no_query_but_the_data_version(client,
                                                                django_assert_max_num_queries):
    """The rules, the personas, the steps' words: all kept per edition, read once. With a
    local cache the data version is read from the database on each request (with Redis,
    from Redis: systems/releases/version.py)."""
    page(client, "loan_arrears=1", partial=True)  # the edition loaded, as a worker has it
    # At most the data version's one row (with Redis it usually comes from there, but a
    # test transaction that changed data reads it from the database: version.current()).
    with django_assert_max_num_queries(1) as queries:
        page(client, "loan_arrears=4&late_bills=3&residence=suining&jaywalking=7",
             partial=True)
    assert all(query["sql"] == version.SQL for query in queries.captured_queries)


def test_the_kept_citation_cites_each_record_at_its_own_address(client, rf):
    """The block is kept per page, release, language and day; the address goes into the
    plain text as it is and into BibTeX's \\url{} with its % and # escaped."""
    for query in ("late_bills=2", "late_bills=3&jaywalking=4", "late_bills=2"):
        html = page(client, query, partial=True)
        block = html.split('<section id="cite-this"')[1].split("</section>")[0]
        address = ("http://testserver/en/misconceptions/one-system/?"
                   + f"{query}&rules=1".replace("&", "&amp;"))
        assert "<p>The editors" in block and f"{address} (retrieved" in block
        assert f"\\url{{{address}}}" in block
    request = rf.get("/en/misconceptions/one-system/")
    request.edition = None
    for address in ("http://testserver/en/x/?systems=a%2Cb#results", "http://testserver/en/"):
        block = tags.cite_this({"request": request, "chrome_lang": "en",
                                "permalink_absolute": address}, "A page", oob=True)
        plain, bibtex = block.split("<textarea", 1)
        assert address in plain and tags.ADDRESS not in block
        assert "\\url{" + address.replace("%", "\\%").replace("#", "\\#") + "}" in bibtex
