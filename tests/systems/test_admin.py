"""Editors' path: every admin page opens, and the admin refuses inconsistent edits."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

SYSTEM_APPS = {"systems", "commercial", "blacklists", "pilots", "nosedive"}


def registered():
    return [m for m in apps.get_models()
            if m._meta.app_label in SYSTEM_APPS and admin.site.is_registered(m)]


@pytest.mark.parametrize("model", registered(), ids=lambda m: m._meta.label)
def test_changelist_and_change_form_open(admin_client, model):
    meta = model._meta
    assert admin_client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")) \
        .status_code == 200
    first = model.objects.first()
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
    assert admin_client.get(url).status_code == 200


def scheme_post(scheme, grade_changes):
    """The scheme change form as the browser would post it, with grade edits applied."""
    data = {field: getattr(scheme, field) for field in
            ("key", "status", "note", "system", "name", "base_score", "residence",
             "eligibility")}
    data.update(source=scheme.source_id, pilot=scheme.pilot_id,
                requires_consent="on" if scheme.requires_consent else "")
    for prefix, rows, fields in (
            ("parts", scheme.parts.all(), ("key", "status", "note", "label", "points", "order")),
            ("grades", scheme.grades.all(),
             ("key", "status", "note", "label", "min_score", "max_score", "summary"))):
        rows = list(rows)
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows),
                     f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
        for i, row in enumerate(rows):
            values = {f: getattr(row, f) for f in fields}
            if prefix == "grades":
                values.update(grade_changes.get(row.key, {}))
            for field, value in values.items():
                data[f"{prefix}-{i}-{field}"] = "" if value is None else value
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-scheme"] = scheme.pk
            data[f"{prefix}-{i}-source"] = row.source_id
    return data


def test_the_admin_refuses_overlapping_grades_and_saves_nothing(admin_client):
    from systems.pilots.models import Grade, Scheme
    scheme = Scheme.objects.get(key="rongcheng-points")
    url = reverse("admin:pilots_scheme_change", args=[scheme.pk])
    response = admin_client.post(url, scheme_post(scheme, {"rongcheng-b": {"max_score": 990}}))
    assert response.status_code == 200  # the form comes back with the error
    assert "overlaps" in response.content.decode()
    assert Grade.objects.get(key="rongcheng-b").max_score == 959


def test_the_admin_accepts_a_consistent_change_and_the_engine_sees_it(admin_client):
    from systems import engine
    from systems.pilots.models import Grade, Scheme
    from systems.record import Record
    scheme = Scheme.objects.get(key="rongcheng-points")
    url = reverse("admin:pilots_scheme_change", args=[scheme.pk])
    before = engine.evaluate(Record(residence="rongcheng", opted_in=1))["rongcheng"]
    assert before.verdict.label == "A"
    response = admin_client.post(url, scheme_post(scheme, {
        "rongcheng-a": {"max_score": 999}, "rongcheng-aa": {"min_score": 1000}}))
    assert response.status_code == 302
    assert Grade.objects.get(key="rongcheng-aa").min_score == 1000
    after = engine.evaluate(Record(residence="rongcheng", opted_in=1))["rongcheng"]
    assert after.verdict.label == "AA"  # the snapshot was dropped on save


def test_a_pilot_with_swapped_coordinates_is_refused(admin_client):
    from systems.pilots.models import Pilot
    pilot = Pilot.objects.get(key="rongcheng")
    url = reverse("admin:pilots_pilot_change", args=[pilot.pk])
    data = {f: getattr(pilot, f) for f in ("key", "city", "city_zh", "province", "kind",
                                             "started", "state", "summary")}
    data.update(latitude="122.4867", longitude="37.1650", ended="",
                sources=[s.pk for s in pilot.sources.all()])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Mainland China lies between 18 and 54 degrees north." in response.content.decode()
    pilot.refresh_from_db()
    assert float(pilot.latitude) == pytest.approx(37.165)
