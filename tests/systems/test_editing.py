"""The editors' integrity, through the real admin (test client): no edit lost, no check
skipped on any road, nothing live until it is published (issue 13, the December editor
review)."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client, override_settings
from django.urls import reverse

from systems.commercial.models import Perk, Tier
from systems.models import Persona, Source
from systems.pilots.models import Adjustment, Pilot
from systems.releases.models import Release
from systems.releases.publishing import publish_now
from tests.helpers import seen
from tests.systems.test_admin import change_url, form_data

pytestmark = pytest.mark.django_db


def editor(name: str) -> Client:
    user = User.objects.create_user(name, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


def opened(client, row) -> dict:
    """The change form as the editor opened it: its fields and the version it is based on."""
    form = client.get(change_url(row)).context["adminform"].form
    return {**form_data(row), "based_on": form["based_on"].value()}


def save(client, row, data, **changes):
    """Save as the admin does: the first press shows the impact, the second saves."""
    data = {**data, **changes}
    first = client.post(change_url(row), data)
    if first.status_code == 302:
        return first
    if 'name="_impact_seen"' not in first.content.decode():
        return first  # refused: the page says why
    digest = re.search(r'name="_impact_seen" value="([^"]+)"', first.content.decode())[1]
    return client.post(change_url(row), {**data, "_impact_seen": digest})


def test_a_save_from_a_stale_copy_is_refused_naming_who_changed_it_and_keeping_the_input():
    a, b = editor("editor-a"), editor("editor-b")
    row = Adjustment.objects.get(key="rc-traffic-tickets")
    seen_by_a, seen_by_b = opened(a, row), opened(b, row)
    assert save(a, row, seen_by_a, points="-6.00", change_reason="A: six points",
                source_checked="on").status_code == 302
    refused = save(b, row, seen_by_b, label_en="Traffic ticket (per ticket)",
                   change_reason="B: clearer label")
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "Not saved: editor-a changed this row at" in html and "A: six points" in html
    assert "Points: now “-6.00” (it was “-5.00” when you opened it" in html
    form = refused.context["adminform"].form
    assert form["label_en"].value() == "Traffic ticket (per ticket)"  # B's own input, kept
    assert form["points"].value() == "-6.00"  # and A's change, in the field B left alone
    row.refresh_from_db()
    assert row.points == -6 and row.label != "Traffic ticket (per ticket)"
    # Having seen A's change, B saves again: both changes stand.
    again = {**form.data.dict(), "based_on": form["based_on"].value()}
    assert save(b, row, again).status_code == 302
    row.refresh_from_db()
    assert row.points == -6 and row.label == "Traffic ticket (per ticket)"
    assert [r.history_user.username for r in row.history.all()[:2]] == ["editor-b", "editor-a"]


def rules_page(client, key) -> dict:
    """A system's rules page as the browser posts it back unchanged."""
    return posted_back(client.get(reverse("admin:editing-system-rules", args=[key])))


def posted_back(page) -> dict:
    """What a rules page (as shown, a preview included) posts when Save is pressed."""
    data = {}
    for _title, formset in page.context["sections"]:
        data.update({field.html_name: field.value() for field in formset.management_form})
        for form in formset.forms:
            for field in form:
                value = field.value()
                if value is None or value is False:
                    continue
                data[field.html_name] = "on" if value is True else value
                if field.field.show_hidden_initial:  # as the page renders it, beside it
                    data[f"initial-{field.html_name}"] = value
            data[f"{form.prefix}-id"] = form.instance.pk
    return data


def field_of(data, row, name):
    """The posted name of one field of one row on a rules page."""
    prefix = next(k[:-3] for k, v in data.items() if k.endswith("-id") and v == row.pk
                  and k.startswith(f"{row._meta.model_name}-"))
    return f"{prefix}-{name}"


def test_the_rules_page_writes_only_the_rows_the_editor_changed():
    a, b = editor("editor-a"), editor("editor-b")
    heroic = Adjustment.objects.get(key="rc-heroic-deed")
    volunteering = Adjustment.objects.get(key="rc-volunteering")
    page_b = rules_page(b, "rongcheng")
    assert save(a, heroic, opened(a, heroic), points="35.00", change_reason="A: 35",
                source_checked="on").status_code == 302
    mine = {**page_b, field_of(page_b, volunteering, "points"): "2",
            "change_reason": "B: volunteering 2 per hour", "source_checked": "on"}
    url = reverse("admin:editing-system-rules", args=["rongcheng"])
    preview = b.post(url, mine)
    assert "Before you save" in preview.content.decode()
    # Save from the preview as shown: it still holds B's stale copy of A's row.
    again = seen({**posted_back(preview), "change_reason": mine["change_reason"],
                  "source_checked": "on"})
    assert b.post(url, again).status_code == 302
    heroic.refresh_from_db()
    volunteering.refresh_from_db()
    assert heroic.points == 35 and volunteering.points == 2  # A's change stands
    assert heroic.history.first().history_user.username == "editor-a"
    # Had B changed A's row too, from the stale page, it would be refused.
    stale = {**mine, field_of(page_b, heroic, "points"): "40"}
    refused = b.post(url, seen(stale)).content.decode()
    assert "Not saved: editor-a changed this row at" in refused
    heroic.refresh_from_db()
    assert heroic.points == 35


def test_a_revert_that_would_overlap_two_tiers_is_refused():
    """The review's finding 2: Revert skipped every check, and readers saw overlapping
    Sesame tiers."""
    client = editor("editor-a")
    good = Tier.objects.get(key="sesame-good")
    medium = Tier.objects.get(key="sesame-medium")
    first = good.history.last()
    # Medium and Good move to 550-609 and 610-649, in one edit of the rules page.
    page = rules_page(client, "sesame")
    page.update({field_of(page, medium, "max_score"): "609",
                 field_of(page, good, "min_score"): "610",
                 "change_reason": "Bands moved", "source_checked": "on"})
    assert client.post(reverse("admin:editing-system-rules", args=["sesame"]),
                       seen(page)).status_code == 302
    good.refresh_from_db()
    url = reverse("admin:commercial_tier_simple_history", args=[good.pk, first.pk])
    form = client.get(url).context["adminform"].form
    data = {**form_data(first.instance), "based_on": form["based_on"].value(),
            "change_reason": "Revert", "source_checked": "on"}
    for posted in (data, seen(data)):
        refused = client.post(url, posted)
        assert refused.status_code == 200
        assert "this change would leave the rules inconsistent" in refused.content.decode()
        assert "overlaps" in refused.content.decode()
    good.refresh_from_db()
    assert good.min_score == 610


def test_an_existing_problem_is_named_apart_from_what_an_edit_would_cause():
    client = editor("editor-a")
    Tier.objects.filter(key="sesame-good").update(min_score=590)  # around the admin
    row = Adjustment.objects.get(key="rc-traffic-tickets")
    refused = save(client, row, opened(client, row), label_en="Per ticket",
                   change_reason="A clearer label").content.decode()
    assert "the rules were already inconsistent before this change" in refused
    assert "&#x27;sesame-medium&#x27; (550-599) overlaps &#x27;sesame-good&#x27;" in refused
    assert "this change would leave the rules inconsistent" not in refused


def test_the_preview_names_a_band_change_a_lost_perk_and_the_score_difference():
    """The review's finding 3: the preview compared headlines only, and Sesame's headline
    has no band."""
    client = editor("editor-a")
    page = rules_page(client, "sesame")
    medium, good = Tier.objects.get(key="sesame-medium"), Tier.objects.get(key="sesame-good")
    page.update({field_of(page, medium, "max_score"): "639",
                 field_of(page, good, "min_score"): "640",
                 "change_reason": "Good starts at 640", "source_checked": "on"})
    html = client.post(reverse("admin:editing-system-rules", args=["sesame"]),
                       page).content.decode()
    assert "band: Good → Medium" in html and "Your own record (the default)" in html
    bikes = Perk.objects.get(key="suzhou-public-bikes")
    data = opened(client, bikes)
    first = client.post(change_url(bikes), {**data, "min_score": "650", "source_checked": "on",
                                            "change_reason": "Bikes from 650"})
    html = first.content.decode()
    assert "loses perk: " + bikes.label in html
    row = Adjustment.objects.get(key="rc-court-paid")
    html = client.post(change_url(row), {**opened(client, row), "points": "-40",
                                         "source_checked": "on", "change_reason": "x"}
                       ).content.decode()
    assert "970 points · A → 960 points · A (−10)" in html


def test_an_edit_no_persona_reads_is_previewed_on_an_example_that_does():
    client = editor("editor-a")
    row = Adjustment.objects.get(key="rc-loan-arrears")
    html = client.post(change_url(row), {**opened(client, row), "points": "-15",
                                         "source_checked": "on", "change_reason": "x"}
                       ).content.decode()
    assert "No persona has Loan arrears (loan_arrears), which &#x27;rc-loan-arrears&#x27; " \
           "reads" in html
    assert "Example: 3 months behind on a loan, Lives in Rongcheng, Opted in to local " \
           "scoring" in html
    assert "970 points · A → 955 points · B (−15)" in html  # 3 months at −15, not −10


def test_a_changed_value_asks_for_its_source_and_records_when_it_was_read():
    client = editor("editor-a")
    row = Adjustment.objects.get(key="rc-court-paid")
    data = {**opened(client, row), "points": "-40", "change_reason": "2024 schedule"}
    asked = save(client, row, data).content.decode()
    assert "You changed Points: confirm the source for the new value" in asked
    assert Adjustment.objects.get(pk=row.pk).points == -30
    day = datetime.date.today()
    saved = save(client, row, data, source_checked="on", locator="Art. 3",
                 source_retrieved=day.isoformat())
    assert saved.status_code == 302
    row.refresh_from_db()
    assert row.points == -40 and row.locator == "Art. 3" and row.checked == day
    assert row.source.retrieved == day.isoformat()
    # A label changes no value: no question.
    assert save(client, row, {**opened(client, row), "label_en": "Paid late",
                              "change_reason": "Wording"}).status_code == 302


def test_the_old_value_stays_on_the_system_page_as_superseded(client):
    row = Adjustment.objects.get(key="rc-court-paid")
    row.points = -40
    row.save()
    publish_now(Release.Kind.MAJOR, "Rongcheng deducts 40.")
    html = client.get("/en/systems/rongcheng/").content.decode()
    assert "Superseded: <del>−30</del> in release 1" in html


def test_a_view_only_account_cannot_mark_rows_checked():
    """The review's finding 5."""
    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    client = Client()
    client.force_login(viewer)
    changelist = reverse("admin:pilots_adjustment_changelist")
    assert 'value="mark_checked"' not in client.get(changelist).content.decode()
    row = Adjustment.objects.get(key="rc-loan-arrears")
    client.post(changelist, {"action": "mark_checked", "_selected_action": [row.pk],
                             "confirm": "yes"})
    row.refresh_from_db()
    assert row.checked != datetime.date.today()
    Adjustment.objects.filter(pk=row.pk).update(checked=datetime.date(2020, 1, 1))
    queue = client.get(reverse("admin:editing-review")).content.decode()
    assert "rc-loan-arrears" in queue and f'value="pilots.adjustment:{row.pk}"' not in queue
    assert client.post(reverse("admin:editing-review"), {"row": [
        f"pilots.adjustment:{row.pk}"]}).status_code == 403


def test_a_bulk_delete_that_would_leave_a_gap_is_refused():
    client = Client()
    client.force_login(User.objects.create_superuser("chief", password="x"))
    medium = Tier.objects.get(key="sesame-medium")
    changelist = reverse("admin:commercial_tier_changelist")
    chosen = {"action": "delete_selected", "_selected_action": [medium.pk]}
    response = client.post(changelist, {**chosen, "post": "yes"}, follow=True)
    assert "this change would leave the rules inconsistent" in response.content.decode()
    assert Tier.objects.filter(pk=medium.pk).exists()


def test_a_persona_can_be_renamed():
    """Reliability review, finding 6: the preview keyed verdicts by name (a 500)."""
    client = editor("editor-a")
    persona = Persona.objects.get(key="debtor-who-paid")
    data = {**opened(client, persona), "name_en": "Renamed persona", "change_reason": "Rename"}
    data["record"] = '{"court_judgment": "paid"}'
    assert save(client, persona, data).status_code == 302
    assert Persona.objects.get(pk=persona.pk).name == "Renamed persona"


def test_pilots_reach_the_review_queue_and_are_marked_checked_there_with_their_sources():
    client = editor("editor-a")
    Pilot.objects.filter(key="guanyun").update(checked=datetime.date(2020, 1, 1))
    queue = reverse("admin:editing-review")
    html = client.get(queue).content.decode()
    pilot = Pilot.objects.get(key="guanyun")
    assert "guanyun" in html and f'value="pilots.pilot:{pilot.pk}"' in html
    source = pilot.sources.first()
    assert f'href="{source.url or source.read_at}"' in html  # the source, to check against
    client.post(queue, {"row": [f"pilots.pilot:{pilot.pk}"]})
    pilot.refresh_from_db()
    assert pilot.checked == datetime.date.today()
    assert Source.objects.get(pk=source.pk).retrieved == datetime.date.today().isoformat()


# Releases: proposed, approved, never empty, never inconsistent.

def propose(client, kind="major", note="Rongcheng deducts more."):
    return client.post(reverse("admin:releases_release_add"), {"kind": kind, "note_en": note},
                       follow=True)


def test_a_major_release_is_proposed_by_one_editor_and_approved_by_another(client):
    a, b = editor("editor-a"), editor("editor-b")
    Adjustment.objects.filter(key="rc-court-paid").update(points=-40)
    form = a.get(reverse("admin:releases_release_add")).content.decode()
    assert "What this release will publish" in form and "Found liable for an unpaid debt" in form
    proposed = propose(a).content.decode()
    assert "Another editor must approve it before readers see it" in proposed
    release = Release.objects.proposed().get()
    chapter = "/en/misconceptions/one-system/?court_judgment=paid&residence=rongcheng&opted_in=1"
    assert "970 points · A" in client.get(chapter).content.decode()  # not live yet
    url = reverse("admin:releases_release_change", args=[release.pk])
    own = a.get(url).content.decode()
    assert "A major release needs a second editor" in own and 'name="_approve"' not in own
    a.post(url, {"_approve": "1"})
    assert not Release.objects.get(pk=release.pk).is_published
    b.post(url, {"_approve": "1"})
    release.refresh_from_db()
    assert release.is_published and release.number == 2 and not release.self_approved
    assert (release.proposed_by.username, release.published_by.username) == (
        "editor-a", "editor-b")
    assert "960 points · A" in client.get(chapter).content.decode()


@override_settings(RELEASE_SELF_APPROVAL=True)
def test_a_one_person_site_may_approve_its_own_major_release_recorded_as_such():
    a = editor("editor-a")
    Adjustment.objects.filter(key="rc-court-paid").update(points=-40)
    propose(a)
    release = Release.objects.proposed().get()
    a.post(reverse("admin:releases_release_change", args=[release.pk]), {"_approve": "1"})
    release.refresh_from_db()
    assert release.is_published and release.self_approved


def test_an_empty_release_is_refused():
    a = editor("editor-a")
    html = propose(a, kind="major").content.decode()
    assert "Nothing to publish: the draft is the same as release 1." in html
    assert not Release.objects.filter(number=2).exists()


def test_a_release_cannot_freeze_rules_that_fail_the_checks():
    a = editor("editor-a")
    Tier.objects.filter(key="sesame-good").update(min_score=590)
    html = propose(a, kind="minor").content.decode()
    assert "cannot be released" in html and "overlaps" in html
    assert not Release.objects.filter(number=2).exists()


def test_a_pending_major_release_cannot_be_published_around_its_approval():
    """While a major release waits, the draft holds its changes: a minor release now would
    publish them without the second editor. It is refused until the proposal is approved
    or withdrawn."""
    a, b = editor("editor-a"), editor("editor-b")
    Adjustment.objects.filter(key="rc-court-paid").update(points=-40)
    propose(a)
    proposal = Release.objects.proposed().get()
    Adjustment.objects.filter(key="rc-late-bills").update(label_en="Late bill")
    html = propose(b, kind="minor", note="A label.").content.decode()
    assert "waiting for a second editor. Approve it or withdraw it first" in html
    assert not Release.objects.filter(number=2).exists()
    b.post(reverse("admin:releases_release_delete", args=[proposal.pk]), {"post": "yes"})
    assert not Release.objects.filter(pk=proposal.pk).exists()  # withdrawn
    # Nor can the changes go out as "minor": they change what readers would conclude.
    html = propose(b, kind="minor", note="A label.").content.decode()
    assert "changes what the data states (adjustment &#x27;rc-court-paid&#x27;), so it is " \
           "major: propose it as major" in html
    propose(b, kind="major", note="Rongcheng deducts more, and a label.")
    a.post(reverse("admin:releases_release_change", args=[Release.objects.proposed().get().pk]),
           {"_approve": "1"})
    assert Release.objects.latest_published().number == 2


def inline(prefix, rows):
    data = {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def test_an_editor_adds_a_city_with_its_own_grades_in_the_admin(client):
    """Fuzhou's city score, added with no code change: a pilot, its scheme with two grades,
    released; readers can then choose Fuzhou, and every page and the API show it."""
    chief = Client()
    chief.force_login(User.objects.create_superuser("chief", password="x"))
    source = Source.objects.get(key="sander-2018")
    added = chief.post(reverse("admin:pilots_pilot_add"), {
        "key": "fuzhou", "city": "Fuzhou", "city_zh": "福州", "province": "Fujian",
        "latitude": "26.0745", "longitude": "119.2965", "kind": "points", "started": "2018",
        "state": "unclear", "summary_en": "A city score from 0 to 1000, with incentives only.",
        "sources": [source.pk], "status": "reported", "checked": "2026-12-04",
        "change_reason": "Fuzhou's city score"})
    assert added.status_code == 302, added.content.decode()[:2000]
    pilot = Pilot.objects.get(key="fuzhou")
    grade = {"source": source.pk, "status": "illustrative", "note_en": "Cut-off not published.",
             "checked": "2026-12-04", "summary_en": ""}
    scheme = {
        "key": "fuzhou-score", "pilot": pilot.pk, "system": "fuzhou", "name_en": "Fuzhou's score",
        "operator_en": "Fuzhou city government", "base_score": "500", "residence": "fuzhou",
        "place": "Fuzhou", "eligibility_en": "residents of Fuzhou", "order": "5",
        "source": source.pk, "status": "illustrative", "note_en": "Not published.",
        "checked": "2026-12-04", "change_reason": "Fuzhou's city score",
        **inline("parts", []), **inline("adjustments", []),
        **inline("grades", [{**grade, "key": "fuzhou-low", "label_en": "Low", "max_score": "599"},
                            {**grade, "key": "fuzhou-high", "label_en": "High",
                             "min_score": "600"}])}
    url = reverse("admin:pilots_scheme_add")
    first = chief.post(url, scheme)
    assert first.status_code == 200 and "Before you save" in first.content.decode()
    assert chief.post(url, seen(scheme)).status_code == 302
    chapter = "/en/misconceptions/points/"
    assert 'value="fuzhou"' not in client.get(chapter).content.decode()  # a draft still
    publish_now(Release.Kind.MAJOR, "Fuzhou's city score.")
    html = client.get(chapter).content.decode()
    assert '<option value="fuzhou">Fuzhou</option>' in html  # a place readers can choose
    assert "Fuzhou" in html.split('id="pilot-table"')[1]  # the registry's table and map
    chosen = client.get("/en/misconceptions/one-system/?residence=fuzhou").content.decode()
    assert 'data-system="fuzhou"' in chosen and "500 points · Low" in chosen
    assert "Fuzhou&#x27;s score" in client.get("/en/systems/").content.decode()
    page = client.get("/en/systems/fuzhou/")
    assert page.status_code == 200 and "residents of Fuzhou" in page.content.decode()
    assert client.get("/embed/compare/?systems=fuzhou&residence=fuzhou").status_code == 200
    systems = {s["key"]: s for s in client.get("/api/v1/systems.json").json()}
    assert systems["fuzhou"]["residence"] == "fuzhou" and systems["fuzhou"]["place"] == "Fuzhou"
    pilots = {p["key"]: p for p in client.get("/api/v1/pilots.json").json()}
    assert pilots["fuzhou"]["system"] == "fuzhou"


def test_a_value_changed_in_an_inline_row_asks_for_its_source_too(admin_client):
    from systems.pilots.models import Grade, Scheme
    from tests.systems.test_admin import inline_data
    scheme = Scheme.objects.get(key="rongcheng-points")
    data = {**opened(admin_client, scheme), "change_reason": "AA from 1031"}
    data.update(inline_data("parts", list(scheme.parts.all()), "scheme", scheme))
    data.update(inline_data("adjustments", list(scheme.adjustments.all()), "scheme", scheme))
    data.update(inline_data("grades", list(scheme.grades.all()), "scheme", scheme,
                            {"rongcheng-a": {"max_score": 1030},
                             "rongcheng-aa": {"min_score": 1031}}))
    asked = admin_client.post(change_url(scheme), data).content.decode()
    assert "You changed a value in rongcheng-a (max_score), rongcheng-aa (min_score)" in asked
    assert save(admin_client, scheme, data, source_checked="on").status_code == 302
    grade = Grade.objects.get(key="rongcheng-aa")
    assert grade.min_score == 1031 and grade.checked == datetime.date.today()


def test_a_release_never_renames_or_removes_a_published_place():
    """The record contract grows by adding values: `residence=rongcheng` and
    `/systems/rongcheng/` keep working in every permalink and embed."""
    from systems.models import Feed
    from systems.pilots.models import Scheme
    from systems.releases.publishing import Refused
    Scheme.objects.filter(system="rongcheng").update(system="rongcheng-city")
    Feed.objects.filter(system="rongcheng").update(system="rongcheng-city")
    with pytest.raises(Refused, match="published with the system key 'rongcheng'.*keep both"):
        publish_now(Release.Kind.MAJOR, "Renamed.")
    Scheme.objects.filter(system="rongcheng-city").update(system="rongcheng", residence="rc")
    Feed.objects.filter(system="rongcheng-city").update(system="rongcheng")
    with pytest.raises(Refused, match="the place 'rongcheng'"):
        publish_now(Release.Kind.MAJOR, "Renamed.")


def test_superseded_values_name_the_releases_in_which_they_held(client):
    from systems.releases import editions
    from systems.releases.superseded import superseded
    row = Adjustment.objects.get(key="rc-volunteering")
    for points in (2, 3):  # +1 in release 1, +2 in release 2, +3 in release 3
        Adjustment.objects.filter(pk=row.pk).update(points=points)
        publish_now(Release.Kind.MAJOR, f"Volunteering {points}.")
    chain = [editions.pinned(r) for r in Release.objects.published().order_by("number")]
    held = superseded("rongcheng", chain)["rc-volunteering"]
    assert [(h.value, h.releases) for h in held] == [("+2 each", "2"), ("+1 each", "1")]
    html = client.get("/en/systems/rongcheng/").content.decode()
    assert "Superseded: <del>+2 each</del> in release 2" in html
    Adjustment.objects.filter(pk=row.pk).delete()
    publish_now(Release.Kind.MAJOR, "No volunteering.")  # release 4: the rule is gone
    row.pk = None
    row.points = 3
    row.save()
    publish_now(Release.Kind.MAJOR, "Volunteering again.")  # release 5: +3 again
    chain = [editions.pinned(r) for r in Release.objects.published().order_by("number")]
    held = superseded("rongcheng", chain)["rc-volunteering"]
    assert [(h.value, h.releases) for h in held] == [
        ("+3 each", "3"), ("+2 each", "2"), ("+1 each", "1")]  # not "3–4": gone in 4


def test_a_view_only_account_cannot_revert():
    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    client = Client()
    client.force_login(viewer)
    row = Adjustment.objects.get(key="rc-traffic-tickets")
    Adjustment.objects.filter(pk=row.pk).update(points=-6)
    first = row.history.last()
    url = reverse("admin:pilots_adjustment_simple_history", args=[row.pk, first.pk])
    data = {**form_data(first.instance), "change_reason": "Revert", "source_checked": "on"}
    assert client.post(url, data).status_code == 403
    assert client.post(url, seen(data)).status_code == 403
    assert Adjustment.objects.get(pk=row.pk).points == -6


@pytest.mark.parametrize("based_on", [None, "", "²", "abc", "999999", "other-row"])
def test_a_form_that_names_no_version_of_its_row_is_refused_cleanly(admin_client, based_on):
    row = Adjustment.objects.get(key="rc-heroic-deed")
    data = {**form_data(row), "points": "40", "change_reason": "x", "source_checked": "on"}
    if based_on is None:
        del data["based_on"]
    elif based_on == "other-row":
        data["based_on"] = Adjustment.objects.get(key="rc-volunteering").history.first() \
            .history_id
    else:
        data["based_on"] = based_on
    response = admin_client.post(change_url(row), data)
    assert response.status_code == 200
    assert "does not say which version of the row it was opened on" in \
        response.content.decode()
    assert Adjustment.objects.get(pk=row.pk).points == 30


def test_the_rules_page_saves_again_after_a_refusal_as_shown():
    """A stale row is refused with the other editor's changes merged in (sources named by
    their keys, as the page shows them); saving that page again works."""
    a, b = editor("editor-a"), editor("editor-b")
    heroic = Adjustment.objects.get(key="rc-heroic-deed")
    page_b = rules_page(b, "rongcheng")
    assert save(a, heroic, opened(a, heroic), points="35.00", change_reason="A: 35",
                source_checked="on").status_code == 302
    url = reverse("admin:editing-system-rules", args=["rongcheng"])
    mine = {**page_b, field_of(page_b, heroic, "label_en"): "A brave act, recognised",
            "change_reason": "B: wording"}
    refused = b.post(url, mine)
    assert "Not saved: editor-a changed this row" in refused.content.decode()
    again = {**posted_back(refused), "change_reason": "B: wording"}
    preview = b.post(url, again)
    assert "Before you save" in preview.content.decode()
    assert b.post(url, seen({**posted_back(preview), "change_reason": "B: wording"})) \
        .status_code == 302
    heroic.refresh_from_db()
    assert heroic.points == 35 and heroic.label == "A brave act, recognised"


def test_the_rules_page_says_when_a_row_was_deleted_meanwhile():
    client = editor("editor-a")
    page = rules_page(client, "rongcheng")
    Adjustment.objects.get(key="rc-blood-donation").delete()  # by another editor, meanwhile
    html = client.post(reverse("admin:editing-system-rules", args=["rongcheng"]),
                       {**page, "change_reason": "x"}).content.decode()
    assert "was deleted since you opened this page" in html


def test_an_edit_after_the_preview_is_previewed_again():
    client = editor("editor-a")
    row = Adjustment.objects.get(key="rc-court-paid")
    data = {**opened(client, row), "points": "-40", "source_checked": "on",
            "change_reason": "x"}
    first = client.post(change_url(row), data).content.decode()
    digest = re.search(r'name="_impact_seen" value="([^"]+)"', first)[1]
    changed = {**data, "points": "-45", "_impact_seen": digest}  # edited after the preview
    again = client.post(change_url(row), changed)
    assert again.status_code == 200 and "Before you save" in again.content.decode()
    assert Adjustment.objects.get(pk=row.pk).points == -30


def test_deleting_one_row_that_the_set_needs_is_refused_with_its_reason():
    chief = Client()
    chief.force_login(User.objects.create_superuser("chief", password="x"))
    medium = Tier.objects.get(key="sesame-medium")
    url = reverse("admin:commercial_tier_delete", args=[medium.pk])
    page = chief.get(url).content.decode()
    assert 'name="change_reason"' in page and 'id="impact"' in page
    response = chief.post(url, {"post": "yes", "change_reason": "Gone"}, follow=True)
    assert "this change would leave the rules inconsistent" in response.content.decode()
    assert Tier.objects.filter(pk=medium.pk).exists()
    perk = Perk.objects.get(key="suzhou-public-bikes")
    chief.post(reverse("admin:commercial_perk_delete", args=[perk.pk]),
               {"post": "yes", "change_reason": "The city ended the offer"})
    assert not Perk.objects.filter(pk=perk.pk).exists()
    assert Perk.history.filter(key="suzhou-public-bikes", history_type="-").first() \
        .history_change_reason == "The city ended the offer"


def test_the_draft_page_shows_what_the_draft_would_publish(admin_client):
    Adjustment.objects.filter(key="rc-court-paid").update(points=-40)
    html = admin_client.get(reverse("admin:editing-draft")).content.decode()
    assert "Readers see release 1" in html and "Found liable for an unpaid debt" in html
    assert "970 points · A" in html and "960 points · A" in html


def test_a_release_records_what_was_written_around_the_orm_links_included(client):
    """A row or a pilot's links changed without a history record (raw SQL, `.update()`)
    is recorded when a release is proposed, so the release holds what the table holds."""
    from systems.rows import Rows
    pilot = Pilot.objects.get(key="guanyun")
    source = Source.objects.get(key="sander-2018")
    Pilot.sources.through.objects.create(pilot=pilot, source=source)  # no signal, no record
    Pilot.objects.filter(pk=pilot.pk).update(summary_en="Ringtones, and more.")
    release = publish_now(Release.Kind.MAJOR, "Guanyun's sources.")
    held = next(p for p in Rows(release).all(Pilot) if p.key == "guanyun")
    assert held.summary == "Ringtones, and more."
    assert "sander-2018" in {s.key for s in held.sources.all()}
    assert pilot.history.first().history_change_reason == "Recorded as the table held it"
