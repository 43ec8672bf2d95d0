"""Editors' path through the real admin (test client): history, reasons, the impact
preview, set checks, revert, releases, the review queue and the Editors group."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict
from django.urls import reverse

from systems import engine
from systems.models import Persona, Source
from systems.pilots.models import Adjustment, Grade, Pilot, Scheme
from systems.record import Record
from systems.releases.models import DataVersion, Release
from tests.helpers import seen

pytestmark = pytest.mark.django_db

SYSTEM_APPS = {"systems", "commercial", "blacklists", "pilots", "nosedive"}


def registered():
    return [m for m in apps.get_models()
            if m._meta.app_label in SYSTEM_APPS and admin.site.is_registered(m)]


def form_data(obj, **changes):
    """A change form's fields as the browser posts them, with the version it was opened on."""
    from systems.editing.versions import latest_record
    record = latest_record(obj) if obj.pk is not None and hasattr(obj, "history") else None
    data = {"based_on": record.history_id} if record is not None else {}
    for name, value in model_to_dict(obj).items():
        if name in ("id",):
            continue
        if isinstance(value, list):
            value = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, bool):
            value = "on" if value else ""
        elif value is None:
            value = ""
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        data[name] = value
    data.update(changes)
    return data


def inline_data(prefix, rows, fk_name, parent, changes=None):
    data = {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows),
            f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}
    for i, row in enumerate(rows):
        values = form_data(row, **(changes or {}).get(row.key, {}))
        values[fk_name] = parent.pk
        data.update({f"{prefix}-{i}-{k}": v for k, v in values.items()})
        data[f"{prefix}-{i}-id"] = row.pk
    return data


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


@pytest.mark.parametrize("model", registered(), ids=lambda m: m._meta.label)
def test_every_list_change_form_and_history_page_opens(admin_client, model):
    meta = model._meta
    assert admin_client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")) \
        .status_code == 200
    first = model.objects.first()
    assert admin_client.get(change_url(first)).status_code == 200
    history = reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[first.pk])
    assert admin_client.get(history).status_code == 200


@pytest.mark.parametrize("key", ["sesame", "blacklists", "rongcheng", "suining", "hangzhou",
                                 "nosedive"])
def test_each_systems_rules_open_together_on_one_page(admin_client, key):
    response = admin_client.get(reverse("admin:editing-system-rules", args=[key]))
    assert response.status_code == 200
    assert "Reason for these changes" in response.content.decode()


def test_a_rule_change_shows_its_impact_then_saves_with_who_and_why(admin_client):
    row = Adjustment.objects.get(key="rc-court-paid")
    url = change_url(row)
    version = DataVersion.current().number
    data = form_data(row, points="-40", change_reason="Rongcheng's 2024 schedule",
                     source_checked="on")
    preview = admin_client.post(url, data)
    assert preview.status_code == 200  # not saved yet: the impact comes first
    html = preview.content.decode()
    assert "Before you save: what readers would see change" in html
    assert "Please correct" not in html and 'class="errornote"' not in html  # not an error
    assert "<td>Debtor who paid</td><td>Rongcheng points</td><td>970 points · A</td>" \
           "<td><strong>960 points · A</strong></td>" in html
    assert "970 points · A → 960 points · A (−10)" in html  # the score's difference
    assert Adjustment.objects.get(pk=row.pk).points == -30
    assert DataVersion.current().number == version
    assert row.history.count() == 1  # the rehearsal left no history behind
    saved = admin_client.post(url, seen(data))
    assert saved.status_code == 302
    assert Adjustment.objects.get(pk=row.pk).points == -40
    latest = row.history.first()
    assert latest.history_change_reason == "Rongcheng's 2024 schedule"
    assert latest.history_user.username == "admin"
    assert DataVersion.current().number > version
    paid = Persona.objects.get(key="debtor-who-paid").get_record()
    assert engine.evaluate(paid)["rongcheng"].verdict.value == 960


def test_a_change_needs_a_reason(admin_client):
    row = Adjustment.objects.get(key="rc-court-paid")
    response = admin_client.post(change_url(row), form_data(row, points="-40"))
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Adjustment.objects.get(pk=row.pk).points == -30


def test_the_history_shows_the_diff_and_a_revert_restores_the_old_value(admin_client):
    row = Adjustment.objects.get(key="rc-court-paid")
    admin_client.post(change_url(row), seen(form_data(row, points="-40", change_reason="edit",
                                                      source_checked="on")))
    history = admin_client.get(reverse("admin:pilots_adjustment_history", args=[row.pk]))
    html = history.content.decode()
    assert "edit" in html and "-30.00" in html and "-40.00" in html
    old = row.history.last()  # the record from the fixture load
    revert_url = reverse("admin:pilots_adjustment_simple_history", args=[row.pk, old.pk])
    assert admin_client.get(revert_url).status_code == 200
    current = Adjustment.objects.get(pk=row.pk)
    revert = form_data(old.instance, change_reason="Revert", source_checked="on",
                       based_on=current.history.first().history_id)
    preview = admin_client.post(revert_url, revert)  # a revert shows its impact first, too
    assert preview.status_code == 200
    assert "Before you save" in preview.content.decode()
    response = admin_client.post(revert_url, seen(revert))
    assert response.status_code == 302
    current.refresh_from_db()
    assert current.points == -30
    assert current.history.first().history_change_reason == "Revert"


def test_the_admin_refuses_overlapping_grades_and_saves_nothing(admin_client):
    scheme = Scheme.objects.get(key="rongcheng-points")
    data = form_data(scheme, change_reason="x")
    data.update(inline_data("parts", list(scheme.parts.all()), "scheme", scheme))
    data.update(inline_data("grades", list(scheme.grades.all()), "scheme", scheme,
                            {"rongcheng-b": {"max_score": 990}}))
    data.update(inline_data("adjustments", list(scheme.adjustments.all()), "scheme", scheme))
    response = admin_client.post(change_url(scheme), data)
    assert response.status_code == 200
    assert "overlaps" in response.content.decode()
    assert Grade.objects.get(key="rongcheng-b").max_score == 959


def test_a_pilot_with_swapped_coordinates_is_refused_next_to_the_field(admin_client):
    pilot = Pilot.objects.get(key="rongcheng")
    data = form_data(pilot, latitude="122.4867", longitude="37.1650", change_reason="x")
    response = admin_client.post(change_url(pilot), data)
    assert response.status_code == 200
    assert "Mainland China lies between 18 and 54 degrees north." in response.content.decode()
    pilot.refresh_from_db()
    assert float(pilot.latitude) == pytest.approx(37.165)


def test_the_system_page_checks_the_set_and_previews_before_saving(admin_client):
    from systems.commercial.models import Dimension
    url = reverse("admin:editing-system-rules", args=["sesame"])
    page = admin_client.get(url)
    data = {}
    for formset in page.context["sections"]:
        formset = formset[1]
        data.update({f"{formset.prefix}-{k}": v
                     for k, v in formset.management_form.initial.items()})
        for i, form in enumerate(formset.forms):
            values = form_data(form.instance)
            data.update({f"{formset.prefix}-{i}-{k}": v for k, v in values.items()})
            data[f"{formset.prefix}-{i}-id"] = form.instance.pk
            data[f"{formset.prefix}-{i}-based_on"] = form["based_on"].value()
            data[f"{formset.prefix}-{i}-source"] = form.instance.source.key
    weight = next(k for k, v in data.items() if k.endswith("-weight") and v == 35)
    data[weight] = 40  # the weights no longer add up to 100
    confirmed = {"change_reason": "test", "source_checked": "on"}
    response = admin_client.post(url, {**data, **confirmed})
    assert "The dimension weights add up to 105, not 100." in response.content.decode()
    assert Dimension.objects.get(key="credit-history").weight == 35
    data[weight] = 35
    late = next(k for k, v in data.items() if k.endswith("-points") and v == "-5.00")
    data[late] = "-8"
    preview = admin_client.post(url, {**data, **confirmed})
    assert "Before you save: what readers would see change" in preview.content.decode()
    saved = admin_client.post(url, seen({**data, **confirmed}))
    assert saved.status_code == 302
    from systems.commercial.models import Factor
    assert Factor.objects.get(key="sesame-late-bills").points == -8


def test_a_cited_source_cannot_be_deleted_but_an_unused_one_can(admin_client):
    cited = Source.objects.get(key="clt-rongcheng-standards")
    assert "page 'points'" in "; ".join(cited.cited_by())
    url = reverse("admin:systems_source_delete", args=[cited.pk])
    refused = admin_client.post(url, {"post": "yes"}).content.decode()
    assert "source &#x27;clt-rongcheng-standards&#x27; is cited by" in refused
    assert "page &#x27;points&#x27;" in refused
    assert Source.objects.filter(pk=cited.pk).exists()
    unused = Source.objects.create(key="unused", title="t", outlet="o", status="reported",
                                   kind="press")
    url = reverse("admin:systems_source_delete", args=[unused.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not Source.objects.filter(key="unused").exists()


def test_a_cited_source_survives_the_bulk_action_and_the_shell(admin_client):
    from django.db import transaction
    from django.db.models import ProtectedError
    kept = Source.objects.create(key="kept", title="t", outlet="o", status="reported", kind="press")
    Pilot.objects.get(key="rongcheng").sources.add(kept)  # no rule row protects it
    spare = Source.objects.create(key="spare", title="t", outlet="o", status="reported",
                                  kind="press")
    changelist = reverse("admin:systems_source_changelist")
    both = {"action": "delete_selected", "_selected_action": [kept.pk, spare.pk]}
    confirm = admin_client.post(changelist, both).content.decode()
    assert "Cannot delete sources" in confirm  # the admin says it cannot, before anything
    assert "source &#x27;kept&#x27; is cited by pilot &#x27;rongcheng&#x27;" in confirm
    assert "have permission" not in confirm  # it says why: cited, not a permission
    admin_client.post(changelist, {**both, "post": "yes"})
    assert Source.objects.filter(key__in=["kept", "spare"]).count() == 2  # nothing deleted
    for delete in (kept.delete, Source.objects.filter(key="kept").delete):  # the shell
        with pytest.raises(ProtectedError), transaction.atomic():
            delete()
    assert Source.objects.filter(key="kept").exists()


def test_publishing_a_minor_release(admin_client):
    Adjustment.objects.filter(key="rc-court-paid").update(label_en="Paid a court debt late")
    version = DataVersion.current().number
    response = admin_client.post(reverse("admin:releases_release_add"),
                                 {"kind": "minor", "note_en": "A clearer label."})
    assert response.status_code == 302
    release = Release.objects.published().latest_published()
    assert release.number == 2 and release.note == "A clearer label."
    assert release.published_by.username == "admin"
    assert DataVersion.current().number > version and DataVersion.current().release == 2
    assert admin_client.post(reverse("admin:releases_release_delete", args=[release.pk]),
                             {"post": "yes"}).status_code == 403


def test_the_review_queue_and_stale_list_what_nobody_checked_lately(admin_client):
    Source.objects.filter(key="kostka-2019").update(checked=datetime.date(2020, 1, 1))
    Adjustment.objects.filter(key="rc-heroic-deed").update(checked=datetime.date(2021, 5, 1))
    html = admin_client.get(reverse("admin:editing-review")).content.decode()
    assert "kostka-2019" in html and "rc-heroic-deed" in html and "sesame-good" not in html
    out = StringIO()
    call_command("stale", stdout=out)
    assert "2 not checked for 12 months or more." in out.getvalue()
    assert "2020-01-01  kostka-2019" in out.getvalue()
    out = StringIO()
    call_command("stale", months=100, stdout=out)
    assert out.getvalue().startswith("0 not checked")
    filtered = admin_client.get(reverse("admin:systems_source_changelist") + "?review=due")
    assert "kostka-2019" in filtered.content.decode()


def test_the_editors_group_has_exactly_what_editors_need(client, monkeypatch):
    group = Group.objects.get(name="Editors")
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert ("pilots", "change_adjustment") in codenames
    assert ("releases", "add_release") in codenames
    assert not any(app == "auth" for app, _code in codenames)
    assert not any("historical" in code for _app, code in codenames)
    assert ("releases", "delete_release") not in codenames
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "a long editor passphrase 42")
    call_command("createeditor", "ada", email="ada@example.org", interactive=False,
                 stdout=StringIO())
    ada = User.objects.get(username="ada")
    assert ada.is_staff and not ada.is_superuser and list(ada.groups.all()) == [group]
    with pytest.raises(CommandError, match="already an account"):
        call_command("createeditor", "ada", interactive=False, stdout=StringIO())
    client.force_login(ada)
    assert client.get(reverse("admin:pilots_adjustment_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:editing-system-rules", args=["rongcheng"])).status_code \
        == 200
    record = Record(court_judgment="paid", residence="rongcheng", opted_in=1)
    assert engine.evaluate(record)["rongcheng"].verdict.value == 970


def test_one_change_moves_the_data_version_once_and_only_data_moves_it():
    version = DataVersion.current().number
    adjustment = Adjustment.objects.get(key="rc-late-bills")
    adjustment.points = -25
    adjustment.save()  # its history row is saved too: still one change
    assert DataVersion.current().number == version + 1
    Pilot.objects.get(key="rongcheng").sources.set([])  # a data m2m: one change
    assert DataVersion.current().number == version + 2
    user = User.objects.create_user("someone")
    user.groups.add(Group.objects.get(name="Editors"))  # not the data
    assert DataVersion.current().number == version + 2


def test_mark_as_checked_is_offered_only_where_rows_have_a_checked_date(admin_client):
    def offers(model):
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        return 'value="mark_checked"' in admin_client.get(url).content.decode()

    assert offers(Source) and offers(Adjustment) and offers(Pilot)  # pilots are checked too
    assert not offers(Persona)
    version = DataVersion.current().number
    adjustment = Adjustment.objects.get(key="rc-late-bills")
    changelist = reverse("admin:pilots_adjustment_changelist")
    chosen = {"action": "mark_checked", "_selected_action": [adjustment.pk]}
    confirm = admin_client.post(changelist, chosen).content.decode()  # asks first
    assert "You checked this row against its source today" in confirm
    assert adjustment.source.outlet in confirm  # with the source to check it against
    adjustment.refresh_from_db()
    assert adjustment.checked != datetime.date.today()
    admin_client.post(changelist, {**chosen, "confirm": "yes"})
    adjustment.refresh_from_db()
    assert adjustment.checked == datetime.date.today()
    assert Source.objects.get(pk=adjustment.source_id).retrieved == \
        datetime.date.today().isoformat()
    assert DataVersion.current().number > version


def test_a_single_row_edit_that_breaks_the_set_is_refused_and_saves_nothing(admin_client):
    """One Tier edited on its own page: a gap in Sesame's bands is what `manage.py check`
    refuses, so the admin refuses it too, naming the problem, before anything is saved."""
    from systems.commercial.models import Tier
    tier = Tier.objects.get(key="sesame-medium")
    version = DataVersion.current().number
    data = form_data(tier, max_score="580", change_reason="Narrower band", source_checked="on")
    for posted in (data, seen(data)):  # the first press, and a press after the preview
        response = admin_client.post(change_url(tier), posted)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Not saved: this change would leave the rules inconsistent:" in page
        assert "commercial.Tier" in page and "_impact_seen" not in page
    tier.refresh_from_db()
    assert tier.max_score == 599 and DataVersion.current().number == version
    assert not tier.history.filter(history_change_reason="Narrower band").exists()
