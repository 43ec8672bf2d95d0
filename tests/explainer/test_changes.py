"""Releases as readers meet them: nothing is live until it is published; What changed lists
exactly what each release changed; the feed, pinned verdicts, freshness; the editors'
draft preview."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from systems.models import Persona
from systems.pilots.models import Adjustment
from systems.releases import version
from systems.releases.models import Release
from systems.releases.publishing import publish_now
from tests.helpers import PAID, verdict

pytestmark = pytest.mark.django_db

def rongcheng(html):
    return verdict(html, "rongcheng")


def edit_and_release(points="-40", reason="Rongcheng's 2024 schedule"):
    row = Adjustment.objects.get(key="rc-court-paid")
    row.points = points
    row._change_reason = reason
    row.save()
    return publish_now(Release.Kind.MAJOR, "Rongcheng deducts more for a court debt.")


def test_the_first_release_is_published_with_the_data(client):
    first = Release.objects.get(number=1)
    html = client.get(reverse("explainer:changes")).content.decode()
    assert 'id="release-1"' in html and first.note in html
    assert "rows of data" in html  # the first release is summarised, not listed row by row


def test_a_release_lists_each_change_with_old_new_reason_and_source(client):
    release = edit_and_release()
    html = client.get(reverse("explainer:changes")).content.decode()
    section = html.split(f'id="release-{release.number}"')[1].split("</section>")[0]
    assert "major" in section and "Rongcheng deducts more for a court debt." in section
    assert "Found liable for an unpaid debt" in section
    assert "<del>-30.00</del> → <ins>-40.00</ins>" in section
    assert "Why: Rongcheng&#x27;s 2024 schedule" in section
    assert "China Law Translate" in section  # the changed row's source
    feed = client.get(reverse("explainer:changes-feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert f"Release {release.number} (major)" in feed.content.decode()


def test_a_pinned_permalink_computes_with_the_rules_of_its_release(client):
    edit_and_release()
    url = reverse("explainer:misconception", args=["one-system"])
    today = client.get(f"{url}?{PAID}").content.decode()
    assert rongcheng(today) == "960 points · A"
    pinned = client.get(f"{url}?{PAID}&rules=1").content.decode()
    assert rongcheng(pinned) == "970 points · A"
    assert "These verdicts use the rules of release 1" in pinned
    # The permalink, the form and the persona menu keep the pin.
    assert f'?{PAID}&rules=1"'.replace("&", "&amp;") in pinned
    assert pinned.count('<input type="hidden" name="rules" value="1">') == 2
    # A control change keeps it too (htmx pushes the pinned permalink).
    response = client.get(f"{url}?{PAID}&rules=1&loan_arrears=1", HTTP_HX_REQUEST="true",
                          HTTP_HX_TARGET="results")
    assert response["HX-Push-Url"] == (f"{url}?court_judgment=paid&loan_arrears=1&"
                                       "residence=rongcheng&opted_in=1&rules=1")
    assert "Use today's rules" in pinned


def test_the_api_and_embeds_take_the_pin(client):
    edit_and_release()
    api = client.get(f"/api/v1/simulate?{PAID}&rules=1").json()
    rongcheng_api = next(s for s in api["systems"] if s["system"] == "rongcheng")
    assert rongcheng_api["verdict"]["value"] == 970
    assert api["rules_as_of"] == Release.objects.get(number=1).published_at.date().isoformat()
    embed = client.get(f"/embed/compare/?{PAID}&rules=1").content.decode()
    assert rongcheng(embed) == "970 points · A"


@pytest.mark.parametrize("value", ["9", "x", "0", "1_0"])
def test_an_unknown_release_is_refused_with_a_message(client, value):
    url = reverse("explainer:misconception", args=["one-system"])
    response = client.get(f"{url}?rules={value}")
    assert response.status_code == 400
    assert "There is no release" in response.content.decode()
    assert client.get(f"/api/v1/simulate?rules={value}").status_code == 400


def test_a_system_page_lists_the_changes_that_touched_it(client):
    release = edit_and_release()
    html = client.get("/en/systems/rongcheng/").content.decode()
    section = html.split('id="changes-title"')[1].split("</section>")[0]
    assert "Found liable for an unpaid debt" in section
    assert f"release {release.number}" in section
    assert "No change since" in client.get("/en/systems/sesame/").content.decode()
    gone = Adjustment.objects.get(key="rc-heroic-deed")
    gone._change_reason = "Not in the 2024 schedule"
    gone.delete()
    assert gone.label not in client.get("/en/systems/rongcheng/").content.decode().split(
        'id="changes-title"')[1]  # a draft: readers do not see it yet
    publish_now(Release.Kind.MAJOR, "The heroic deed is no longer rewarded.")
    html = client.get("/en/systems/rongcheng/").content.decode()
    section = html.split('id="changes-title"')[1].split("</section>")[0]
    assert re.search(rf"<strong>{re.escape(gone.label)}</strong>: removed\.", section)
    # A grade deleted with its perks: the perks' removal still counts as Rongcheng's.
    from systems.pilots.models import Grade
    grade = Grade.objects.get(key="rongcheng-aaa")
    perks = [c.label for c in grade.consequences.all()]
    assert perks
    grade.delete()
    Grade.objects.filter(key="rongcheng-aa").update(max_score=None)  # the top band now
    publish_now(Release.Kind.MAJOR, "AAA is gone.")
    html = client.get("/en/systems/rongcheng/").content.decode()
    section = html.split('id="changes-title"')[1].split("</section>")[0]
    for label in perks:
        assert f"<strong>{escape(label)}</strong>: removed." in section


def test_a_release_published_elsewhere_is_seen_on_the_next_request(client):
    """Another worker, another server or the shell changes the data and publishes it: this
    process sees it on its next request, because the published release moved on."""
    url = reverse("explainer:misconception", args=["one-system"]) + f"?{PAID}"
    assert rongcheng(client.get(url).content.decode()) == "970 points · A"  # cached now
    Adjustment.objects.filter(key="rc-court-paid").update(points=-40)  # no signal here
    version.bump()  # the draft moved on: readers still see release 1
    assert rongcheng(client.get(url).content.decode()) == "970 points · A"
    publish_now(Release.Kind.MAJOR, "Published from the shell.")  # records the raw edit
    assert rongcheng(client.get(url).content.decode()) == "960 points · A"


def test_nothing_an_editor_saves_reaches_readers_until_it_is_published(client):
    """Pages, embeds, the API and oEmbed follow the latest published release."""
    row = Adjustment.objects.get(key="rc-court-paid")
    row.points = -40
    row._change_reason = "Rongcheng's 2024 schedule"
    row.save()
    chapter = reverse("explainer:misconception", args=["one-system"]) + f"?{PAID}"
    api = f"/api/v1/simulate?{PAID}"

    def seen():
        page = rongcheng(client.get(chapter).content.decode())
        embed = rongcheng(client.get(f"/embed/compare/?{PAID}").content.decode())
        value = next(s for s in client.get(api).json()["systems"]
                     if s["system"] == "rongcheng")["verdict"]["value"]
        rules = {(r["label"], r["condition"]): r["value"]
                 for r in client.get("/api/v1/rules.json").json() if r["system"] == "rongcheng"}
        return page, embed, value, rules[(row.label, "Carried out a court judgment")]

    assert seen() == ("970 points · A", "970 points · A", 970, "−30")
    assert "Rongcheng's 2024 schedule" not in client.get("/en/changes/").content.decode()
    release = publish_now(Release.Kind.MAJOR, "Rongcheng deducts more for a court debt.")
    assert seen() == ("960 points · A", "960 points · A", 960, "−40")
    assert f'id="release-{release.number}"' in client.get("/en/changes/").content.decode()


def test_an_editor_previews_the_draft_on_every_page_never_cached(client, admin_client):
    row = Adjustment.objects.get(key="rc-court-paid")
    row.points = -40
    row.save()
    chapter = reverse("explainer:misconception", args=["one-system"]) + f"?{PAID}"
    admin_client.post(reverse("admin:editing-preview"), {"on": "1", "next": "/en/"})
    for path in (chapter, f"/embed/compare/?{PAID}"):
        draft = admin_client.get(path)
        html = draft.content.decode()
        assert rongcheng(html) == "960 points · A", path
        assert 'id="draft-banner"' in html and "Readers see release 1" in html, path
        assert draft["Cache-Control"] == "private, no-store", path
        assert rongcheng(client.get(path).content.decode()) == "970 points · A", path
    assert admin_client.get(f"/api/v1/simulate?{PAID}")["Cache-Control"] == \
        "private, no-store"
    changes = admin_client.get("/en/changes/").content.decode()
    assert 'id="draft"' in changes and "Found liable for an unpaid debt" in changes
    admin_client.post(reverse("admin:editing-preview"), {"on": "0", "next": "/en/"})
    assert rongcheng(admin_client.get(chapter).content.decode()) == "970 points · A"
    # A reader cannot ask for the draft, nor make the page cache step aside.
    client.cookies["draft_preview"] = "made-up"
    client.cookies[settings.SESSION_COOKIE_NAME] = "made-up"
    response = client.get(chapter)
    assert rongcheng(response.content.decode()) == "970 points · A"
    assert "public" in response["Cache-Control"]


def test_only_an_editor_may_preview_the_draft(client):
    from django.contrib.auth.models import User
    staff = User.objects.create_user("staff", password="x", is_staff=True)  # no permissions
    client.force_login(staff)
    toggle = reverse("admin:editing-preview")
    assert client.post(toggle, {"on": "1", "next": "/en/"}).status_code == 403
    assert client.get(reverse("admin:editing-draft")).status_code == 403
    assert client.get(toggle + "?on=1").status_code == 405  # a change of state: POST only
    Adjustment.objects.filter(key="rc-court-paid").update(points=-40)
    chapter = reverse("explainer:misconception", args=["one-system"]) + f"?{PAID}"
    from systems.releases.editions import preview_token
    client.cookies["draft_preview"] = preview_token(staff)  # a genuine cookie, no permission
    assert 'id="draft-banner"' not in client.get(chapter).content.decode()


def test_every_page_says_how_current_the_rules_are_and_links_to_what_changed(client):
    for path in ("/en/", "/en/sources/", "/en/misconceptions/points/", "/en/systems/"):
        html = client.get(path).content.decode()
        assert re.search(r"Rules as of \d{1,2} \w+ \d{4}\.", html), path
        assert 'href="/en/changes/"' in html


def test_what_changed_reads_as_words_never_as_ids_or_reprs(client, tmp_path):
    """The review's finding 4: a pilot loaded from a fixture showed as
    `sources [{'pilot': 14, 'source': 79}] → []`, never as added; an empty change was shown."""
    import json

    from django.core.management import call_command

    from systems.models import Source
    from systems.pilots.models import Pilot
    fixture = tmp_path / "xiamen.json"
    fixture.write_text(json.dumps([
        {"model": "systems.source", "fields": {
            "key": "nesta-city-scores", "title": "Citizen scoring", "outlet": "Nesta",
            "published": "2018", "url": "https://example.org/nesta", "read_at": "",
            "retrieved": "2026-12", "locator": "", "status": "reported", "kind": "research",
            "note_en": ""}},
        {"model": "pilots.pilot", "fields": {
            "key": "xiamen", "city": "Xiamen", "city_zh": "厦门", "province": "Fujian",
            "latitude": "24.4798", "longitude": "118.0894", "kind": "points",
            "started": 2018, "ended": None, "state": "unclear",
            "summary_en": "A city score from 0 to 1000.", "status": "reported",
            "checked": "2026-12-04", "sources": [["nesta-city-scores"]]}}]))
    call_command("loaddata", str(fixture), reason="Xiamen's city score", verbosity=0)
    rongcheng = Pilot.objects.get(key="rongcheng")
    rongcheng.sources.add(Source.objects.get(key="nesta-city-scores"))
    rongcheng.sources.remove(Source.objects.get(key="fp-2018-rongcheng"))
    persona = Persona.objects.get(key="volunteer")  # changed and changed back: no change
    persona.summary, before = "Changed for a moment", persona.summary
    persona.save()
    persona.summary = before
    persona.save()
    release = publish_now(Release.Kind.MAJOR, "Xiamen, and Rongcheng's sources.")
    html = client.get("/en/changes/").content.decode()
    section = html.split(f'id="release-{release.number}"')[1].split("</section>")[0]
    assert "<strong>Xiamen</strong> <small>pilot &#x27;xiamen&#x27;</small>: added; sources: " \
           "<ins>+nesta-city-scores</ins>" in section
    assert "Why: Xiamen&#x27;s city score" in section
    assert "sources: <ins>+nesta-city-scores −fp-2018-rongcheng</ins>" in section
    assert "Volunteer" not in section  # changed and changed back: nothing to say
    feed = client.get("/en/changes/feed/").content.decode()
    for text in (section, feed):
        assert not re.search(r"\{'\w+': \d+|\[\{|: \d+\}", text)  # no ids, no reprs
    assert "&lt;li&gt;Xiamen (pilot &amp;#x27;xiamen&amp;#x27;): added; sources: " \
           "+nesta-city-scores" in feed  # each change an item of the summary's list
