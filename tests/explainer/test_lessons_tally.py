"""Class polls through the test client: starting one, the teacher's secret page, the
student link, counting with `tally.record`, the throttle, the threshold of 10, reveal,
reset, close, expiry and purge, and that nothing but counts is stored."""

import io
import os
import re
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.utils import timezone

from explainer import simulation
from explainer.lessons import predict, tally
from explainer.lessons.models import CODE_ALPHABET, ChoiceCount, Poll
from tests.services import ROOT, start_postgres

pytestmark = pytest.mark.django_db

TEACHER = re.compile(r"/en/class/([A-Z0-9]{6})/teacher/([\w-]+)/")
RECORD = "persona=debtor-who-refuses"


def start(client, chapter="one-system", record=RECORD):
    response = client.post("/en/class/new/", {"chapter": chapter, "record": record})
    assert response.status_code == 303, response.content.decode()[:500]
    assert not response.cookies
    code, secret = TEACHER.fullmatch(response["Location"]).groups()
    return code, secret, response["Location"]


def systems_of(code):
    return sorted(Poll.objects.get(code=code).counts())


def answer_all(code, choice, n=1):
    for _ in range(n):
        assert tally.record(code, dict.fromkeys(systems_of(code), choice)) == ""


def main_text(response) -> str:
    html = response.content.decode()
    html = html[html.index("<main"):html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_teacher_starts_a_class_in_one_post(client):
    page = client.get("/en/class/?chapter=points&persona=debtor-who-refuses")
    assert page.status_code == 200 and not page.cookies
    html = page.content.decode()
    form = re.search(r'<form method="post" action="/en/class/new/".*?</form>', html, re.S)[0]
    assert 'name="chapter" value="points"' in form
    assert 'name="record" value="court_judgment=refused"' in form
    assert "Start a class poll" in form and "csrfmiddlewaretoken" not in form

    code, secret, location = start(client, "points")
    poll = Poll.objects.get(code=code)
    assert all(c in CODE_ALPHABET for c in code) and len(code) == 6
    assert len(secret) >= 32
    assert poll.secret_hash != secret and poll.opens_with(secret)
    # The record's permalink, as the chapter reads it (the persona's canonical query).
    assert poll.query == simulation.read(QueryDict(RECORD)).query == "court_judgment=refused"
    assert poll.chapter == "points" and poll.answered == 0
    assert not poll.revealed and not poll.closed
    keys = [r.system for r in simulation.read(QueryDict(RECORD)).outcome.results]
    assert poll.counts() == {k: {c: 0 for c, _label in predict.CHOICES} for k in keys}
    assert client.get(location).status_code == 200


def test_codes_are_unique(client):
    codes = {start(client)[0] for _ in range(25)}
    assert len(codes) == 25


@pytest.mark.parametrize(("fields", "message"), [
    ({"chapter": "one-system", "record": "court_judgment=bogus"}, "must be one of"),
    ({"chapter": "one-system", "record": "persona=nobody"}, "There is no persona called"),
    ({"chapter": "one-system", "record": "shoe_size=44"}, "shoe_size"),
    ({"chapter": "citizens", "record": ""}, "with a simulation"),
    ({"chapter": "nowhere", "record": ""}, "with a simulation"),
    ({"record": RECORD}, "with a simulation"),
    ({"chapter": "one-system", "record": "loan_arrears=1&" * 300}, "longer than"),
])
def test_a_bad_chapter_or_record_is_a_400_with_a_message(client, fields, message):
    response = client.post("/en/class/new/", fields)
    assert response.status_code == 400
    assert message in main_text(response)
    assert response["Cache-Control"] == "private, no-store"
    assert not Poll.objects.exists()


def test_starting_needs_a_post(client):
    assert client.get("/en/class/new/").status_code == 405


def test_starts_are_limited_site_wide(client, monkeypatch):
    from explainer.lessons import class_views
    monkeypatch.setattr(class_views, "STARTS_PER_MINUTE", 3)
    for _ in range(3):
        start(client)
    response = client.post("/en/class/new/", {"chapter": "one-system", "record": RECORD})
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert "Many classes were started in the last minute" in main_text(response)
    assert Poll.objects.count() == 3


def test_the_teacher_page_is_private_and_shows_the_student_link(client):
    code, _secret, location = start(client)
    response = client.get(location)
    assert response.status_code == 200 and not response.cookies
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Referrer-Policy"] == "no-referrer"
    html = response.content.decode()
    assert f'href="http://testserver/en/class/{code}/"' in html
    assert re.search(r'<svg[^>]*class="qr"', html)
    text = main_text(response)
    assert "0 students have answered." in text
    assert "Debtor who refuses to pay" in text
    assert "shown only once at least 10 have answered" in text and "(10 more to go)" in text
    for button in ("Reveal the split", "Reset", "Close the class"):
        assert button in text


def test_a_wrong_secret_or_code_is_a_404(client):
    code, secret, _location = start(client)
    other_code, other_secret, _ = start(client)
    for path in (f"/en/class/{code}/teacher/{other_secret}/",
                 f"/en/class/{code}/teacher/{secret[:-1]}/",
                 f"/en/class/BBBBBB/teacher/{secret}/",
                 f"/en/class/{code}x/teacher/{secret}/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "No class at this address" in main_text(response)
        assert client.post(path, {"action": "reset"}).status_code == 404
    assert client.get(f"/en/class/{code}/teacher/{secret}/").status_code == 200
    assert client.get(f"/en/class/{other_code}/teacher/{other_secret}/").status_code == 200


def test_the_student_link_goes_to_the_chapter_guessing_first(client):
    code, _secret, _location = start(client, "points")
    for path in (f"/en/class/{code}/", f"/en/class/{code.lower()}/"):
        response = client.get(path)
        assert response.status_code == 302 and not response.cookies
        assert response["Location"] == (f"/en/misconceptions/points/?court_judgment=refused"
                                        f"&reveal=after&class={code}#simulation")
        assert "no-store" in response["Cache-Control"]


def test_an_unknown_code_is_a_clear_404(client):
    for code in ("BBBBBB", "<b>x", "A" * 40):
        response = client.get(f"/en/class/{code}/")
        assert response.status_code == 404
        text = main_text(response)
        assert "No class with this code" in text and "stop working 7 days" in text
        assert "<b>x" not in response.content.decode()


def test_counting(client):
    code, _secret, location = start(client)
    keys = systems_of(code)
    assert tally.record(code.lower(), {keys[0]: predict.AGAINST, keys[1]: predict.NOTHING}) == ""
    assert tally.record(code, {keys[0]: predict.AGAINST}) == ""
    poll = Poll.objects.get(code=code)
    assert poll.answered == 2
    counts = poll.counts()
    assert counts[keys[0]] == {predict.NOT_COVERED: 0, predict.NOTHING: 0, predict.AGAINST: 2}
    assert counts[keys[1]] == {predict.NOT_COVERED: 0, predict.NOTHING: 1, predict.AGAINST: 0}
    assert all(sum(c.values()) == 0 for k, c in counts.items() if k not in keys[:2])
    # Guesses the class does not ask about are left out; with none left, nothing counts.
    assert tally.record(code, {keys[2]: predict.NOTHING, "no-such-system": predict.NOTHING,
                               keys[3]: "maybe"}) == ""
    assert Poll.objects.get(code=code).counts()[keys[3]] == dict.fromkeys(
        (predict.NOT_COVERED, predict.NOTHING, predict.AGAINST), 0)
    assert "None of these answers" in tally.record(code, {"no-such-system": predict.NOTHING})
    assert "at least one system" in tally.record(code, {})
    assert Poll.objects.get(code=code).answered == 3
    assert "3 students have answered." in main_text(client.get(location))
    for bad in ("BBBBBB", "", "A" * 40, "<script>"):
        reason = tally.record(bad, {keys[0]: predict.AGAINST})
        assert reason.startswith("There is no class with the code"), bad
    assert tally.check(code) == ""


def test_the_throttle_counts_per_class_per_minute(client, monkeypatch):
    assert 40 <= tally.ANSWERS_PER_MINUTE <= 600  # a class of 40 at once fits
    monkeypatch.setattr(tally, "ANSWERS_PER_MINUTE", 5)
    code, _secret, _location = start(client)
    other, _s, _l = start(client)
    key = systems_of(code)[0]
    now = timezone.now().replace(second=10)
    monkeypatch.setattr(timezone, "now", lambda: now)
    assert [tally.record(code, {key: predict.AGAINST}) for _ in range(5)] == [""] * 5
    reason = tally.record(code, {key: predict.AGAINST})
    assert reason.startswith("Many answers reached this class in the last minute")
    assert tally.record(other, {key: predict.AGAINST}) == ""  # another class is not held up
    poll = Poll.objects.get(code=code)
    assert poll.answered == 5 and poll.counts()[key][predict.AGAINST] == 5
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=1))
    assert tally.record(code, {key: predict.AGAINST}) == ""
    assert Poll.objects.get(code=code).answered == 6


def reveal_text(client, location):
    return main_text(client.get(location))


def test_the_split_shows_once_revealed_and_ten_have_answered(client):
    code, _secret, location = start(client)
    answer_all(code, predict.AGAINST, 9)
    text = reveal_text(client, location)
    assert "Hidden until you reveal it" in text and "(1 more to go)" in text
    assert client.post(location, {"action": "reveal"}).status_code == 303
    text = reveal_text(client, location)
    assert "Revealed, but not shown yet" in text and "1 more to go" in text
    assert "the right answer" not in text and "<table" not in client.get(location).content.decode()
    answer_all(code, predict.NOTHING)
    response = client.get(location)
    html = response.content.decode()
    assert "10 students have answered." in main_text(response)
    sim = simulation.read(QueryDict(RECORD))
    baseline = simulation.read(QueryDict()).outcome
    questions = predict.questions(sim.outcome, baseline)
    tables = re.findall(r'<table class="class-split">(.*?)</table>', html, re.S)
    assert len(tables) == len(questions)
    for question, table in zip(questions, tables, strict=True):
        assert f"<caption>{question.name}</caption>" in table.replace("&#x27;", "'")
        rows = re.findall(r"<tr( class=\"right-answer\")?><th scope=\"row\">(.*?)</th><td>(\d+)"
                          r"</td><td>(\d+)%</td></tr>", table)
        assert [(bool(right), re.sub(r" <strong>.*", "", label), int(n), int(share))
                for right, label, n, share in rows] == [
            (choice == question.answer, str(label), n, share)
            for (choice, label), n, share in zip(predict.CHOICES, (0, 1, 9), (0, 10, 90),
                                                 strict=True)]
        assert "the right answer" in re.search(r'class="right-answer">(.*?)</tr>', table)[1]
    # Hide it again, then it is hidden even with enough answers.
    client.post(location, {"action": "hide"})
    text = reveal_text(client, location)
    assert "Hidden until you reveal it, so that students answer" in text
    assert "<table" not in client.get(location).content.decode()


def test_htmx_follows_the_count_in_its_region(client):
    code, _secret, location = start(client)
    answer_all(code, predict.AGAINST, 2)
    response = client.get(location, headers={"HX-Request": "true", "HX-Target": "tally"})
    html = response.content.decode().strip()
    assert html.startswith('<section id="tally"') and html.endswith("</section>")
    assert "2 students have answered." in html
    assert response["Vary"].startswith("HX-Request, HX-Target")


def test_reset_sets_the_counts_to_zero_and_hides_the_split(client):
    code, _secret, location = start(client)
    answer_all(code, predict.AGAINST, 11)
    client.post(location, {"action": "reveal"})
    assert "<table" in client.get(location).content.decode()
    response = client.post(location, {"action": "reset"})
    assert response.status_code == 303 and response["Location"] == location
    poll = Poll.objects.get(code=code)
    assert poll.answered == 0 and not poll.revealed
    assert all(n == 0 for c in poll.counts().values() for n in c.values())
    assert "0 students have answered." in reveal_text(client, location)


def test_close_stops_the_counting_and_the_student_link_says_so(client):
    code, _secret, location = start(client)
    answer_all(code, predict.AGAINST, 3)
    assert client.post(location, {"action": "close"}).status_code == 303
    key = systems_of(code)[0]
    reason = tally.record(code, {key: predict.AGAINST})
    assert reason == "Your teacher has closed this class, so answers are no longer counted."
    assert tally.check(code) == reason
    assert Poll.objects.get(code=code).answered == 3
    response = client.get(f"/en/class/{code}/")
    assert response.status_code == 410
    assert "This class is closed" in main_text(response)
    assert 'href="/en/misconceptions/one-system/"' in response.content.decode()
    text = reveal_text(client, location)
    assert "The class is closed" in text and "Reopen the class" in text
    client.post(location, {"action": "reopen"})
    assert client.get(f"/en/class/{code}/").status_code == 302
    assert tally.record(code, {key: predict.AGAINST}) == ""


def test_an_unknown_action_is_a_400(client):
    _code, _secret, location = start(client)
    for fields in ({"action": "delete"}, {}):
        response = client.post(location, fields)
        assert response.status_code == 400
        assert "Unknown action" in response.content.decode()


def test_codes_expire_after_seven_days_and_purge_deletes_them(client):
    old, old_secret, old_location = start(client)
    fresh, _secret, fresh_location = start(client)
    answer_all(old, predict.AGAINST, 2)
    Poll.objects.filter(code=old).update(created=timezone.now() - timedelta(days=7, seconds=1))
    Poll.objects.filter(code=fresh).update(created=timezone.now() - timedelta(days=6, hours=23))
    assert client.get(f"/en/class/{old}/").status_code == 404
    assert client.get(old_location).status_code == 404
    assert tally.record(old, {systems_of(old)[0]: predict.AGAINST}).startswith(
        "There is no class with the code")
    assert client.get(f"/en/class/{fresh}/").status_code == 302
    assert client.get(fresh_location).status_code == 200
    per_poll = ChoiceCount.objects.filter(poll__code=fresh).count()
    out = io.StringIO()
    call_command("purge_classes", stdout=out)
    assert out.getvalue().strip() == f"Deleted 1 expired class poll(s) and {per_poll} count(s)."
    assert list(Poll.objects.values_list("code", flat=True)) == [fresh]
    assert ChoiceCount.objects.count() == per_poll
    out = io.StringIO()
    call_command("purge_classes", stdout=out)
    assert out.getvalue().strip() == "Deleted 0 expired class poll(s) and 0 count(s)."


def test_nothing_but_counts_is_stored(client):
    """The tables' columns, exactly: no text a student wrote, no address, no cookie, no
    session, no user agent; and the answer's requests set no cookie."""
    columns = {}
    with connection.cursor() as cursor:
        for model in (Poll, ChoiceCount):
            table = model._meta.db_table
            columns[table] = {c.name for c in connection.introspection.get_table_description(
                cursor, table)}
    assert columns == {
        "lessons_poll": {"id", "code", "secret_hash", "chapter", "query", "created",
                         "answered", "revealed", "closed", "window_start", "window_count"},
        "lessons_choicecount": {"id", "poll_id", "question", "choice", "n"},
    }
    code, _secret, location = start(client)
    answer_all(code, predict.AGAINST, 2)
    for response in (client.get(f"/en/class/{code}/"), client.get(location),
                     client.post(location, {"action": "reveal"})):
        assert not response.cookies
    assert not client.cookies


def test_the_privacy_page_says_what_a_class_poll_keeps(client):
    text = main_text(client.get("/en/privacy/"))
    assert "not record it anywhere else, with one exception" in text
    for kept in ("the class code, the chapter and the record", "SHA-256",
                 "how many students have answered", "7 days after it was started",
                 "no IP address, no cookie"):
        assert kept in text


# --- Several app servers on one PostgreSQL -------------------------------------------

ANSWER = """
import os, sys, time
from explainer.lessons import tally
code, n, ready, go = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
open(ready, "w").close()
while not os.path.exists(go):  # all four start together, set up and connected
    time.sleep(0.01)
results = [tally.record(code, {"sesame": "against", "blacklists": "nothing"}) for _ in range(n)]
print(sum(r == "" for r in results), sum(r.startswith("Many answers") for r in results))
"""


@pytest.mark.django_db(False)
def test_concurrent_answers_from_several_processes_on_postgresql(tmp_path):
    """Four processes (as four app servers would) answer at once: every answer is counted
    exactly once, and the throttle holds across them."""
    postgres = start_postgres()
    try:
        env = {**os.environ, "DATABASE_URL": postgres.url, "CACHE_URL": "",
               "DJANGO_SETTINGS_MODULE": "explainer.settings"}

        def run(*args, **kwargs):
            return subprocess.run([sys.executable, *args], env=env, cwd=ROOT,
                                  capture_output=True, text=True, check=True, **kwargs)

        run("manage.py", "migrate", "lessons", "-v0")
        code = run("manage.py", "shell", "-v0", "-c",
                   "from explainer.lessons.models import Poll; "
                   "print(Poll.objects.start('one-system', '', ['sesame', 'blacklists'])[0])"
                   ).stdout.split()[-1]
        (tmp_path / "answer.py").write_text(
            "import django, os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', "
            "'explainer.settings')\ndjango.setup()\n" + ANSWER)
        processes = [subprocess.Popen(
            [sys.executable, str(tmp_path / "answer.py"), code, "40",
             str(tmp_path / f"ready-{i}"), str(tmp_path / "go")],
            env={**env, "PYTHONPATH": str(ROOT)}, cwd=ROOT, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True) for i in range(4)]
        deadline = time.monotonic() + 60
        while len(list(tmp_path.glob("ready-*"))) < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        if timezone.now().second > 45:  # all of it within one minute's window
            time.sleep(61 - timezone.now().second)
        (tmp_path / "go").touch()
        outputs = [p.communicate(timeout=120) for p in processes]
        assert all(p.returncode == 0 for p in processes), [err for _out, err in outputs]
        counted = sum(int(out.split()[0]) for out, _err in outputs)
        throttled = sum(int(out.split()[1]) for out, _err in outputs)
        assert counted + throttled == 160
        assert counted == tally.ANSWERS_PER_MINUTE == 120
        totals = run("manage.py", "shell", "-v0", "-c",
                     "from explainer.lessons.models import Poll; "
                     f"p = Poll.objects.get(code='{code}'); "
                     "print(p.answered, p.counts()['sesame']['against'], "
                     "p.counts()['blacklists']['nothing'])").stdout.splitlines()[-1].split()
        assert totals == ["120", "120", "120"]
    finally:
        postgres.remove()


def test_starting_a_class_deletes_expired_ones_even_without_the_command(client):
    old, _secret, _location = start(client)
    Poll.objects.filter(code=old).update(created=timezone.now() - timedelta(days=8))
    fresh, _secret, _location = start(client)
    assert list(Poll.objects.values_list("code", flat=True)) == [fresh]
    assert not ChoiceCount.objects.filter(poll__code=old).exists()
