"""The simulation widget through the test client: strip, columns, traces, errors, htmx."""

import re

import pytest
from django.urls import reverse

from systems.record import PARAMETERS_BY_NAME

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(slug, query=""):
    return reverse("explainer:misconception", args=[slug]) + (f"?{query}" if query else "")


def strip_rows(html):
    """{system: (verdict, applies)} read from the verdict strip."""
    table = html.split('<table class="strip"')[1].split("</table>")[0]
    rows = {}
    for row in table.split('<tr role="row" class="strip-row')[1:]:
        system = re.search(r'data-system="([a-z]+)"', row)[1]
        cell = row.split('class="strip-verdict">')[1].split("</td>")[0]
        verdict = re.sub(r"<[^>]+>", "", re.sub(r"<small.*", "", cell)).strip()
        applies = re.sub(r"<[^>]+>", "", row.split('class="strip-applies">')[1]
                         .split("</td>")[0]).replace("Applies?", "").strip()
        rows[system] = (verdict, applies)
    return rows


def test_the_strip_gives_every_system_its_own_scale_and_whether_it_applies(client):
    html = client.get(url("one-system", "court_judgment=refused&residence=rongcheng&"
                                        "opted_in=1")).content.decode()
    rows = strip_rows(html)
    assert rows == {
        "sesame": ("350 / 950", "Yes"),
        "blacklists": ("Listed", "Yes"),
        "rongcheng": ("920 points · B", "Yes"),
        "suining": ("Not covered: lives elsewhere", "No"),
        "hangzhou": ("Not covered: lives elsewhere", "No"),
        "nosedive": ("4.20 ★", "Fiction"),
    }
    # It comes first in the results, and says who runs each system and what it answers.
    results = html.split('<div id="results"')[1]
    assert results.index('class="strip"') < results.index('class="panel"')
    assert "Ant Group (private company) · A score from 350 to 950" in results
    assert "Rongcheng city government · Points and a grade" in results


def test_a_system_that_does_not_cover_the_person_says_so_first_and_lists_no_perks(client):
    """Readers who live elsewhere, or gave no consent, get no score from a city's scheme:
    its answer is that it does not cover them; what it would say is one small line."""
    html = client.get(url("one-system", "heroic_deed=1&commendation=1&residence=suining"))\
        .content.decode()
    rows = strip_rows(html)
    assert rows["rongcheng"] == ("Not covered: lives elsewhere", "No")
    assert rows["suining"][0] == "1,110 points · A"
    column = html.split('id="col-rongcheng"')[1].split("</section>")[0]
    answer = re.sub(r"<[^>]+>", "", column.split('class="verdict-block">')[1])
    assert answer.startswith("Not covered: lives elsewhere")  # before any number
    assert "If they lived there: 1,030 points · AA" in answer
    assert '<ul class="effects">' not in column  # no perk or sanction as if it applied
    assert "No perks or sanctions: this system does not cover them." in column
    assert 'class="why"' not in column  # what it would say is one line, not a working
    assert "What it would see of this record if it covered them:" in column
    summary = re.search(r'data-system="rongcheng" data-name="[^"]*" data-summary="([^"]*)"',
                        html)[1]
    assert summary == "Rongcheng points: not covered, lives elsewhere."

    html = client.get(url("one-system", "residence=rongcheng")).content.decode()
    assert strip_rows(html)["rongcheng"] == ("No score without consent", "No")
    column = html.split('id="col-rongcheng"')[1].split("</section>")[0]
    assert "If they opted in: 1,000 points · A" in column


def test_every_column_says_who_runs_it_and_puts_points_beside_the_grade(client):
    html = client.get(url("one-system", "residence=rongcheng&opted_in=1")).content.decode()
    column = html.split('id="col-rongcheng"')[1].split("</section>")[0]
    assert "Run by Rongcheng city government · Points and a grade" in column
    assert '<p class="verdict verdict-grade">1,000 points · A</p>' in column


def test_traces_run_from_the_start_to_the_total_in_the_systems_own_units(client):
    html = client.get(url("one-system", "late_bills=3&loan_arrears=2&residence=rongcheng&"
                                        "opted_in=1&rude_to_strangers=2"),
                      follow=True).content.decode()

    def trace(system):
        column = html.split(f'id="col-{system}"')[1].split("</section>")[0]
        return column.split('<ol class="trace">')[1].split("</ol>")[0]

    sesame = trace("sesame")
    assert re.search(r'trace-start"><span class="delta">Start</span> 638<', sesame)
    assert "3 late bills × −5 on the Credit history rating (35 % of the score)" in sesame
    assert re.search(r'trace-total"><span class="delta">=</span> \d+ / 950<', sesame)
    rongcheng = trace("rongcheng")
    assert "Start</span> 1,000 points" in rongcheng
    assert "2 months behind on a loan × −10" in rongcheng
    assert "=</span> 920 points" in rongcheng  # 1000 − 2×10 − 3×20
    assert "Start</span> 4.20 ★" in trace("nosedive")
    # One kind of minus sign: no ASCII hyphen before a number in deltas or details.
    for system in ("sesame", "rongcheng", "nosedive"):  # Suining does not cover him
        text = re.sub(r"<a [^>]*>.*?</a>", "", trace(system))  # source dates have hyphens
        assert not re.search(r"(?<![\w-])-\d", text), system
    assert "Why this result (2 rules)" in html and "Why this result (1 rule)" in html


def test_controls_and_chips_use_plain_words(client):
    html = client.get(url("one-system", "court_judgment=refused&residence=rongcheng&"
                                        "flight_disruption=1"), follow=True).content.decode()
    assert '<option value="refused" selected>Refused to pay</option>' in html
    assert '<option value="rongcheng" selected>Rongcheng</option>' in html
    chips = html.split('id="col-blacklists"')[1].split("</section>")[0]
    assert "Lives in Rongcheng" in chips and "Disrupted a flight" in chips
    assert ">1<" not in chips and "rongcheng<" not in chips


def test_the_form_keeps_the_reader_at_the_results_and_lets_the_server_validate(client):
    html = client.get(url("one-system")).content.decode()
    form = html.split('<form id="record"')[1].split(">")[0]
    assert 'action="/en/misconceptions/one-system/#results"' in form
    assert "novalidate" in form and 'hx-trigger="change, submit"' in form
    picker = html.split('<form id="persona-picker"')[1].split(">")[0]
    assert 'action="/en/misconceptions/one-system/#results"' in picker


def test_an_out_of_range_value_is_shown_next_to_its_field_by_label(client):
    response = client.get(url("one-system", "loan_arrears=999"))
    assert response.status_code == 400
    html = response.content.decode()
    control = html.split('id="f-loan_arrears"')[1].split("</div>")[0]
    assert 'aria-invalid="true"' in control
    assert ('<p id="e-loan_arrears" class="field-error">Loan arrears must be a whole number '
            'from 0 to 12, not &#x27;999&#x27;.</p>') in control
    assert 'aria-describedby="h-loan_arrears e-loan_arrears"' in html
    # Fields without an error keep an empty, hidden slot for htmx to fill.
    assert '<p id="e-late_bills" class="field-error" hidden></p>' in html


def test_an_htmx_change_updates_errors_persona_menu_and_results_but_not_the_live_region(client):
    response = client.get(url("one-system", "volunteering=0&blood_donation=3&heroic_deed=1&"
                                            "residence=rongcheng&opted_in=1&from=volunteer"),
                          HTTP_HX_TARGET="results", **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert response["HX-Push-Url"] == url(
        "one-system", "blood_donation=3&heroic_deed=1&residence=rongcheng&opted_in=1&"
                      "from=volunteer")
    picker = html.split('<form id="persona-picker"')[1].split("</form>")[0]
    assert "Edited from: Volunteer" in picker
    assert '<script id="field-errors" type="application/json">{}</script>' in html


def test_a_persona_record_shows_the_persona_and_an_edited_one_says_where_it_came_from(client):
    html = client.get(url("one-system", "court_judgment=refused")).content.decode()
    assert '<option value="debtor-who-refuses" selected>' in html
    edited = client.get(url("one-system", "court_judgment=refused&loan_arrears=2&"
                                          "from=debtor-who-refuses")).content.decode()
    assert "Edited from: Debtor who refuses to pay" in edited
    assert 'name="from" value="debtor-who-refuses"' in edited
    # A persona that matches again is shown as itself, and the marker drops out.
    response = client.get(url("one-system", "court_judgment=refused&from=debtor-who-refuses"))
    assert response.status_code == 302
    assert response["Location"] == url("one-system", "court_judgment=refused")


@pytest.mark.parametrize("query", ["persona=volunteer&persona=volunteer",
                                   "from=volunteer&from=volunteer", "sort=city&sort=kind",
                                   "order=asc&order=desc", "from=nobody"])
def test_repeated_or_unknown_widget_parameters_are_refused(client, query):
    slug = "points" if "sort" in query or "order" in query else "one-system"
    response = client.get(url(slug, query))
    assert response.status_code == 400
    html = response.content.decode()
    assert "given 2 times" in html or "Cannot sort" in html or "no persona called" in html


@pytest.mark.parametrize("path", ["/en/misconceptions/citizens/", "/en/misconceptions/nosedive/",
                                  "/en/misconceptions/one-system/"])
@pytest.mark.parametrize("target", ["pilot-table", "results", "simulation", "nonsense"])
def test_htmx_asking_for_a_region_the_page_lacks_gets_the_whole_page(client, path, target):
    response = client.get(path, HTTP_HX_TARGET=target, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    has_region = (target in ("results", "simulation") and "citizens" not in path)
    assert html.lstrip().startswith("<!doctype html>") != has_region


def test_responses_that_depend_on_htmx_headers_say_so(client):
    for path in (url("one-system"), url("points", "sort=city")):
        vary = client.get(path)["Vary"]
        assert "HX-Request" in vary and "HX-Target" in vary


def test_the_pilot_table_sort_is_announced_and_its_links_keep_their_ids(client):
    response = client.get(url("points", "sort=started&order=desc"),
                          HTTP_HX_TARGET="pilot-table", **HTMX)
    html = response.content.decode()
    assert '<p id="announce" hx-swap-oob="innerHTML">Pilots sorted by Since, descending.</p>' \
        in html
    assert 'id="sort-started"' in html and 'href="?sort=started&amp;order=asc#pilot-table"' in html


def test_the_permalink_is_printed_in_full(client):
    html = client.get(url("one-system", "loan_arrears=2")).content.decode()
    assert ('<span class="print-only"> http://testserver/en/misconceptions/one-system/'
            '?loan_arrears=2</span>') in html


def test_a_column_built_for_one_record_serves_another_that_looks_the_same_to_it(client):
    """Columns are kept per system result (explainer/panel.py); a kept column brings its
    popovers along, and the part that depends on the whole record is built afresh."""
    first = client.get(url("one-system", "court_judgment=refused&jaywalking=3"),
                       **HTMX, HTTP_HX_TARGET="results").content.decode()
    second = client.get(url("one-system", "court_judgment=refused&volunteering=4"),
                        **HTMX, HTTP_HX_TARGET="results").content.decode()

    def column(html, system):
        return html.split(f'id="col-{system}"')[1].split("</section>")[0]

    head = column(first, "blacklists").split('<div class="visibility">')[0]
    assert head == column(second, "blacklists").split('<div class="visibility">')[0]
    # What the record holds, seen or not by this system, is each record's own.
    def chips(html):
        return column(html, "blacklists").split('<ul class="chips">')[1].split("</ul>")[0]

    assert PARAMETERS_BY_NAME["jaywalking"].describe(3) in chips(first)
    assert PARAMETERS_BY_NAME["volunteering"].describe(4) in chips(second)
    assert PARAMETERS_BY_NAME["volunteering"].describe(4) not in chips(first)
    for html in (first, second):
        targets = set(re.findall(r'popovertarget="([^"]+)"', html))
        popovers = re.findall(r'<span class="popover" popover id="([^"]+)"', html)
        assert targets and targets == set(popovers)  # every button has its note, once
        assert len(popovers) == len(set(popovers))
