"""One vocabulary: documented means an official text states it, or several independent
reliable outlets do; a single report makes it reported; illustrative describes values."""

import pytest
from django.core.exceptions import ValidationError

from systems.checks import all_problems
from systems.models import Feed, Source, sourced_models
from systems.pilots.models import Pilot

pytestmark = pytest.mark.django_db


def source(key, kind, outlet, status="documented"):
    return Source.objects.create(key=key, title=key, outlet=outlet, url=f"https://{key}.org/",
                                 status=status, kind=kind, retrieved="2026-12")


def feed(first, second=None, status="documented"):
    return Feed(key="test-feed", system="sesame", parameter="drunk_driving", channel_en="x",
                source=first, second_source=second, status=status)


def test_a_documented_row_needs_a_primary_text_or_two_independent_outlets():
    press = source("one-paper", "press", "Daily A")
    assert any("Documented means" in message for _f, message in feed(press).problems())
    assert not feed(press, status="reported").problems()  # one report: reported
    other = source("other-paper", "press", "Daily B")
    assert not feed(press, other).problems()  # two outlets agree
    assert not feed(source("the-rules", "primary", "A ministry")).problems()  # the text


@pytest.mark.parametrize(("kind", "outlet", "status"), [
    ("press", "Daily A", "documented"),  # the same outlet twice is one outlet
    ("commentary", "A blog", "documented"),  # a blog does not corroborate
    ("company", "The company", "documented"),  # nor does the company's own word
    ("press", "Daily B", "reported"),  # nor a report we could not confirm
])
def test_what_does_not_count_as_a_second_independent_outlet(kind, outlet, status):
    press = source("one-paper", "press", "Daily A")
    second = source("second", kind, outlet, status)
    assert any("Documented means" in m for _f, m in feed(press, second).problems())


def test_a_primary_text_read_only_in_a_doubtful_copy_documents_nothing():
    copy = source("copied-rules", "primary", "A ministry", status="reported")
    assert any("Documented means" in m for _f, m in feed(copy).problems())


def test_the_admin_and_the_checks_refuse_a_documented_row_on_one_report():
    press = source("one-paper", "press", "Daily A")
    row = feed(press)
    with pytest.raises(ValidationError, match="Documented means"):
        row.full_clean()
    row.status = "reported"
    row.save()
    Feed.objects.filter(pk=row.pk).update(status="documented")  # past the admin, say
    assert any("'test-feed'" in p and "Documented means" in p for p in all_problems())


def test_a_documented_pilot_needs_the_same():
    pilot = Pilot.objects.exclude(status="documented").first()
    pilot.sources.set([source("one-paper", "press", "Daily A")])
    Pilot.objects.filter(pk=pilot.pk).update(status="documented")
    assert any(f"pilots.Pilot '{pilot.key}'" in p for p in all_problems())


def test_sources_are_documented_or_reported_never_illustrative():
    with pytest.raises(ValidationError, match="status"):
        Source(key="x", title="x", outlet="x", status="illustrative", kind="press").full_clean()
    assert set(Source.objects.values_list("status", flat=True)) <= {"documented", "reported"}


def test_every_shipped_documented_row_meets_the_definition():
    """The December 2026 fact check found 36 'documented' rows resting on one news report."""
    assert [p for p in all_problems() if "Documented means" in p] == []
    documented = sum(m.objects.filter(status="documented").count() for m in sourced_models())
    assert documented > 0


def test_every_source_says_its_kind_and_language():
    assert not Source.objects.filter(kind="").exists()
    assert set(Source.objects.values_list("language", flat=True)) <= {"en", "zh", "nl", "de"}


def test_a_row_names_a_second_source_only_to_add_one():
    press = source("one-paper", "press", "Daily A")
    assert ("second_source", "The second source must be another source.") in \
        feed(press, press).problems()
