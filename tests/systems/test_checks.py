"""`manage.py check` rejects inconsistent rules."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from systems.checks import check_rules
from systems.commercial.models import Dimension, Factor, Tier
from systems.models import Feed, Source, Status
from systems.pilots.models import Grade

pytestmark = pytest.mark.django_db


def messages():
    return [e.msg for e in check_rules()]


def test_the_shipped_data_passes():
    assert messages() == []
    call_command("check", verbosity=0)


def test_overlapping_grade_bands_are_rejected():
    Grade.objects.filter(key="rongcheng-b").update(max_score=980)
    assert any("'rongcheng-b' (850-980) overlaps 'rongcheng-a' (960-1029)" in m
               for m in messages())
    with pytest.raises(SystemCheckError, match="overlaps"):
        call_command("check", verbosity=0)


def test_gapped_bands_are_rejected():
    Tier.objects.filter(key="sesame-good").update(min_score=610)
    assert any("Gap between 'sesame-medium' (ends 599) and 'sesame-good' (starts 610)" in m
               for m in messages())


def test_bands_must_cover_the_scale():
    Tier.objects.filter(key="sesame-excellent").update(max_score=900)
    assert any("should end at 950" in m for m in messages())


def test_a_number_without_a_source_is_rejected():
    Factor.objects.filter(key="sesame-late-bills").update(source=None)
    assert "commercial.Factor 'sesame-late-bills'.source: Every number needs a source." \
        in messages()


def test_a_documented_row_needs_a_source_with_a_url():
    Source.objects.filter(key="clt-rongcheng-standards").update(url="")
    found = messages()
    assert any("pilots.Adjustment 'rc-loan-arrears'.source: A documented row needs a source "
               "readers can open" in m for m in found)


def test_a_copy_we_read_is_a_url_readers_can_open():
    Source.objects.filter(key="clt-rongcheng-standards").update(
        url="", read_at="https://example.org/copy")
    assert not any("'rc-loan-arrears'.source" in m for m in messages())


def test_an_illustrative_row_must_say_why():
    Grade.objects.filter(key="suining-a").update(note_en="")
    assert any("'suining-a'.note_en" in m for m in messages())


def test_weights_must_add_up_to_100():
    Dimension.objects.filter(key="connections").update(weight=10)
    assert "commercial.Dimension: The dimension weights add up to 105, not 100." in messages()


def test_a_rule_cannot_read_what_its_system_cannot_see():
    Factor.objects.filter(key="sesame-late-bills").update(parameter="traffic_tickets")
    assert any("rule 'sesame-late-bills'" in m and "sesame cannot see" in m for m in messages())


def test_a_pilot_always_sees_where_people_live_and_whether_they_consented():
    """The engine keeps a pilot's result per what it sees: a scheme reads residence (and
    consent, where it asks for it) whatever its feeds say, so no reader is handed another
    person's verdict, and a scheme added in the admin needs no feed for them first."""
    from systems import engine
    from systems.pilots.models import Scheme
    from systems.record import Record
    Scheme.objects.filter(system="suining").update(requires_consent=True)
    Feed.objects.filter(system="rongcheng", parameter="residence").delete()
    assert not any("cannot see" in m for m in messages())
    engine.clear_cache()
    assert "residence" in engine.rules_of("rongcheng")[2]
    assert {"residence", "opted_in"} <= set(engine.rules_of("suining")[2])
    consented = engine.evaluate(Record(residence="suining", opted_in=1))["suining"]
    refused = engine.evaluate(Record(residence="suining", opted_in=0))["suining"]
    assert consented.applies and not refused.applies


def test_the_admin_form_validation_agrees(db):
    factor = Factor.objects.get(key="sesame-late-bills")
    factor.status = Status.ILLUSTRATIVE
    factor.note_en = ""
    from django.core.exceptions import ValidationError
    with pytest.raises(ValidationError) as caught:
        factor.full_clean()
    assert "note_en" in caught.value.message_dict


def test_a_system_without_its_rules_is_reported():
    from systems.nosedive.models import Baseline
    Baseline.objects.all().delete()
    assert any("system 'nosedive': its rules are incomplete" in m for m in messages())


def test_structural_rows_cannot_be_deleted_in_the_admin(admin_client):
    from systems.nosedive.models import Baseline
    from systems.pilots.models import Scheme
    for model in (Scheme, Baseline):
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_delete",
                      args=[model.objects.first().pk])
        assert admin_client.get(url).status_code == 403
