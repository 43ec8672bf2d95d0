"""The national picture in dated steps and the memorandums by sector, built from data."""

import re

import pytest
from django.urls import reverse

from systems.blacklists.models import Memorandum
from systems.releases.models import Release
from systems.releases.publishing import publish_now
from systems.timeline.models import Step

pytestmark = pytest.mark.django_db


def test_the_timeline_shows_every_step_of_the_release_in_date_order(client):
    html = client.get("/en/timeline/").content.decode()
    keys = re.findall(r'<li id="step-([a-z0-9-]+)"', html)
    assert keys == [s.key for s in Step.objects.order_by("date", "key")]
    assert len(keys) >= 20
    first, last = Step.objects.order_by("date").first(), Step.objects.order_by("date").last()
    assert first.date < "2015" and last.date >= "2025"  # from the outline to the latest
    for step in Step.objects.all():
        entry = html.split(f'id="step-{step.key}"')[1].split("</li>")[0]
        assert 'class="cite"' in entry  # every step with its source
    assert reverse("explainer:memorandums") in html


def test_a_step_an_editor_adds_reaches_readers_with_the_next_release(client):
    source = Step.objects.first().source
    Step.objects.create(key="2026-12-test-step", date="2026-12-01", title_en="A new step",
                        text_en="Something happened.", topic="plan", chapters="points",
                        source=source, status="reported", note_en="A test.")
    assert "A new step" not in client.get("/en/timeline/").content.decode()  # the draft
    publish_now(Release.Kind.MAJOR, "A new step.")
    assert "A new step" in client.get("/en/timeline/").content.decode()
    chapter = client.get("/en/misconceptions/points/").content.decode()
    aside = chapter.split('class="on-timeline"')[1].split("</aside>")[0]
    assert "/en/timeline/#step-2026-12-test-step" in aside


def test_each_chapter_links_to_the_steps_that_matter_to_it(client):
    for step in Step.objects.all():
        for slug in step.chapter_slugs:
            html = client.get(f"/en/misconceptions/{slug}/").content.decode()
            assert f"/en/timeline/#step-{step.key}" in html, (slug, step.key)


def test_the_memorandums_by_sector(client):
    html = client.get("/en/systems/blacklists/memorandums/").content.decode()
    rows = re.findall(r'<tr id="mou-([a-z0-9-]+)"', html)
    assert rows == [m.key for m in Memorandum.objects.order_by("signed", "key")]
    assert len(rows) >= 5
    judgment = Memorandum.objects.get(signatories=44)
    entry = html.split(f'id="mou-{judgment.key}"')[1].split("</tr>")[0]
    assert "44 bodies" in entry and 'class="cite"' in entry
    blacklists = client.get("/en/systems/blacklists/").content.decode()
    assert reverse("explainer:memorandums") in blacklists


def test_a_step_names_only_chapters_that_exist():
    step = Step.objects.first()
    step.chapters = "points no-such-chapter"
    assert ("chapters", "No chapter 'no-such-chapter'; the chapters are one-system, "
            "data-sharing, points, nosedive, citizens.") in step.problems()


def test_the_timeline_and_memorandums_are_open_data(client):
    steps = client.get("/api/v1/timeline.json").json()
    assert [s["key"] for s in steps] == [s.key for s in Step.objects.order_by("date", "key")]
    assert all(s["source"]["url"] or s["source"]["read_at"] for s in steps)
    memorandums = client.get("/api/v1/memorandums.json").json()
    assert {m["key"] for m in memorandums} == set(Memorandum.objects.values_list("key",
                                                                                  flat=True))
    assert client.get("/api/v1/timeline.json?x=1").status_code == 400
