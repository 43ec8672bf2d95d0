"""Predict, then reveal (explainer/lessons/predict.py): the answers come from the engine,
the form works without JavaScript, bad guesses get a message and a 400, nothing is stored."""

import re

import pytest
from django.http import QueryDict

from explainer import simulation
from explainer.lessons import predict

pytestmark = pytest.mark.django_db
CHAPTER = "/en/misconceptions/one-system/"


def outcome(query: str):
    return simulation.read(QueryDict(query)).outcome


@pytest.mark.parametrize(("query", "expected"), [
    ("", {"sesame": "nothing", "blacklists": "nothing", "rongcheng": "not-covered",
          "suining": "not-covered", "nosedive": "nothing"}),
    ("court_judgment=refused", {"sesame": "against", "blacklists": "against",
                                "rongcheng": "not-covered", "nosedive": "nothing"}),
    ("court_judgment=refused&residence=rongcheng&opted_in=1",
     {"rongcheng": "against", "suining": "not-covered"}),
    ("rude_to_strangers=8", {"nosedive": "against", "sesame": "nothing",
                             "blacklists": "nothing"}),
    ("shopping=heavy&profile=complete", {"sesame": "nothing"}),  # higher is not against
])
def test_the_answers_follow_the_engine(query, expected):
    found = {q.system: q.answer for q in predict.questions(outcome(query), predict.baseline())}
    for system, answer in expected.items():
        assert found[system] == answer, system


def test_a_system_that_does_not_cover_the_person_shows_no_verdict_on_them():
    questions = predict.questions(outcome("court_judgment=refused"), predict.baseline())
    rongcheng = next(q for q in questions if q.system == "rongcheng")
    assert rongcheng.verdict == "" and "only covers residents" in rongcheng.why
    sesame = next(q for q in questions if q.system == "sesame")
    assert sesame.verdict == "350 / 950" and sesame.why.startswith("Because:")


def guesses(**chosen):
    keys = [r.system for r in outcome("").results]
    return {f"guess-{k}": chosen.get(k, "nothing") for k in keys}


def test_a_chapter_asks_first_and_shows_no_verdict_before_the_guess(client):
    response = client.get(f"{CHAPTER}?court_judgment=refused&reveal=after")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('type="radio" name="guess-') == 3 * len(outcome("").results)
    assert 'class="strip"' not in html and '<table class="glance-strip"' not in html
    assert f'method="post" action="{CHAPTER}?court_judgment=refused&amp;reveal=after#results"' \
        in html
    # Changing the record or the persona keeps asking first.
    assert html.count('<input type="hidden" name="reveal" value="after">') == 2


def test_the_permalink_keeps_predict_first(client):
    response = client.get(f"{CHAPTER}?persona=debtor-who-refuses&reveal=after")
    assert response.status_code == 302
    assert response["Location"] == f"{CHAPTER}?court_judgment=refused&reveal=after"


def test_guesses_are_shown_beside_the_answers_and_stored_nowhere(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    data = guesses(sesame="against", blacklists="against", rongcheng="against",
                   suining="not-covered", hangzhou="not-covered")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"{CHAPTER}?court_judgment=refused&reveal=after", data)
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert not response.cookies
    html = response.content.decode()
    total = len(outcome("").results)
    # sesame, blacklists, suining, hangzhou, nosedive right; rongcheng wrong
    assert f"You guessed {total - 1} of {total} right" in html
    rows = {name: verdict for verdict, name in
            re.findall(r'<tr class="is-(right|wrong)"><th scope="row">([^<]+)', html)}
    assert rows["Rongcheng points"] == "wrong" and rows["Sesame Credit"] == "right"
    assert 'class="strip"' in html  # then the verdicts themselves


def test_an_incomplete_or_bad_guess_gets_a_message_and_a_400(client):
    data = guesses()
    del data["guess-sesame"]
    response = client.post(f"{CHAPTER}?reveal=after", data)
    assert response.status_code == 400
    assert "Choose an answer for every system" in response.content.decode()
    response = client.post(f"{CHAPTER}?reveal=after", {**guesses(), "guess-sesame": "maybe"})
    assert response.status_code == 400
    assert "Choose one of the three answers." in response.content.decode()
    # POST is only for guesses.
    assert client.post(CHAPTER, guesses()).status_code == 405
    assert client.post("/embed/pilots/?reveal=after", {}).status_code == 405


def test_an_embed_asks_first_and_answers_its_own_systems(client):
    url = "/embed/compare/?persona=debtor-who-refuses&systems=sesame,rongcheng&reveal=after"
    html = client.get(url).content.decode()
    assert html.count('type="radio"') == 6 and 'class="strip"' not in html
    response = client.post(url, {"guess-sesame": "against", "guess-rongcheng": "not-covered"},
                           HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "You guessed 2 of 2 right" in response.content.decode()


def test_a_bad_class_code_is_refused_with_a_message(client):
    response = client.get("/embed/compare/?reveal=after&class=no!")
    assert response.status_code == 400
    assert "A class code is 6 letters and digits" in response.content.decode()
    # One rule for what a code looks like, the polls' own: a code no poll could have
    # is refused, a well-formed one in lower case is read as the teacher gave it.
    assert client.get("/embed/compare/?reveal=after&class=ABCDEFG").status_code == 400
    html = client.get("/embed/compare/?reveal=after&class=bcd234").content.decode()
    assert '<input type="hidden" name="class" value="BCD234">' in html
