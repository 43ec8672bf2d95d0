"""Bad fixtures fail naming file, object and field, and change nothing; good ones load
exactly as written, are recorded in the history, and export back byte for byte."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from systems.commercial.models import Factor, Tier
from systems.models import Source
from systems.pilots.models import Grade
from systems.releases.models import DataVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixture_file(tmp_path):
    def write(objects, name="bad.json", raw=None):
        path = tmp_path / name
        path.write_text(raw if raw is not None else json.dumps(objects), encoding="utf-8")
        return str(path)
    return write


def factor(**changes):
    fields = {"key": "sesame-late-bills", "source": ["sesame-weights-qa"],
              "status": "illustrative", "note": "why", "dimension": ["credit-history"],
              "parameter": "late_bills", "value": "", "points": "-5", "score_cap": None,
              "label": "Bill paid late"}
    fields.update(changes)
    return {"model": "commercial.factor", "fields": fields}


def tier(**changes):
    fields = {"key": "sesame-good", "source": ["sesame-weights-qa"], "status": "illustrative",
              "note": "why", "label": "Good", "min_score": 600, "max_score": 649,
              "summary": ""}
    fields.update(changes)
    return {"model": "commercial.tier", "fields": fields}


def source(**changes):
    fields = {"key": "new-source", "title": "A title", "outlet": "An outlet",
              "published": "2024", "url": "https://example.org/a", "read_at": "",
              "retrieved": "2026-11", "locator": "", "status": "documented", "note": ""}
    fields.update(changes)
    return {"model": "systems.source", "fields": fields}


def state():
    """Everything a bad load could touch."""
    return (list(Factor.objects.values_list("key", "points", "label", "note")),
            list(Tier.objects.values_list("key", "min_score", "max_score")),
            list(Source.objects.values_list("key", "title")),
            DataVersion.current().number)


def test_the_shipped_fixtures_load_twice_without_duplicates():
    before = state()
    call_command("loaddata", *settings.RULE_FIXTURES, verbosity=0)
    assert state()[:3] == before[:3]


DEEP = '[{"model": "commercial.factor", "fields": {"note": ' + "[" * 5000 + "]" * 5000 + "}}]"


@pytest.mark.parametrize(("objects", "raw", "expected"), [
    # Found by the review of the loader (issue 8): each was not refused cleanly.
    ([{"model": "systems.source", "pk": 1, "fields": source(key="renamed")["fields"]}], None,
     "object 1: has a numeric primary key (\"pk\")"),
    ([tier(min_score=600.7)], None, "commercial.Tier 'sesame-good': min_score: give a whole "
                                    "number, not 600.7."),
    ([factor(note=["a", "b"])], None, "commercial.Factor 'sesame-late-bills': note: give text"),
    ([tier(min_score="600")], None, "min_score: give a whole number, not \"600\"."),
    ([factor(label=5)], None, "label: give text, not 5."),
    ([factor(points=-5.5)], None, "points: give the number as text, like \"-10.5\""),
    ([factor(), factor(points="-7")], None, "key: 'sesame-late-bills' appears twice"),
    (None, DEEP, "nested more than 8 levels deep"),
    (None, '[{"model": "commercial.factor", "fields": {"points": 1e400}}]', "out of range"),
    (None, '[{"model": "commercial.tier", "fields": {"min_score": ' + "9" * 5000 + "}}]",
     "out of range"),
    ([factor(source=["no-such-source"])], None,
     "source: there is no Source with key 'no-such-source'."),
    # And the earlier kinds of broken row.
    (None, "[{\"model\": ", "not valid JSON"),
    (None, '[{"model": "commercial.tier", "fields": {"min_score": NaN}}]', "NaN is not a number"),
    ([factor(status="maybe")], None, "commercial.Factor 'sesame-late-bills': status:"),
    ([factor(points="lots")], None, "points: give the number as text"),
    ([factor(colour="red")], None, "unknown field 'colour'"),
    ([factor(parameter="karma")], None, "parameter:"),
    ([factor(note="")], None, "note: Say why this value is illustrative"),
    ([factor(source=None)], None, "source:"),
    ([factor(status="documented", source=["sesame-weights-qa"])], None,
     "A documented row needs a source readers can open"),
    ([factor(dimension=["no-such-dimension"])], None,
     "dimension: there is no Dimension with key 'no-such-dimension'."),
    ([{"model": "commercial.factor", "fields": {"label": "x"}}], None,
     "key: every row needs a \"key\""),
])
def test_broken_files_are_refused_naming_file_object_and_field(fixture_file, objects, raw,
                                                                expected):
    before = state()
    with pytest.raises(CommandError) as caught:
        call_command("loaddata", fixture_file(objects, raw=raw), verbosity=0)
    assert "bad.json" in str(caught.value)
    assert expected in str(caught.value)
    assert state() == before


def test_a_row_may_refer_to_a_source_defined_later_in_the_same_file(fixture_file):
    path = fixture_file([factor(source=["new-source"], note="from a new source"),
                         source()], name="forward.json")
    call_command("loaddata", path, verbosity=0)
    row = Factor.objects.get(key="sesame-late-bills")
    assert row.source.key == "new-source" and row.note == "from a new source"


def test_an_inconsistent_set_is_refused_as_a_whole(fixture_file):
    overlapping = {"model": "pilots.grade", "fields": {
        "key": "rongcheng-b", "source": ["jamoxi-2020-rongcheng"], "status": "illustrative",
        "note": "test", "scheme": ["rongcheng-points"], "label": "B", "min_score": 850,
        "max_score": 990, "summary": ""}}
    before = state(), Grade.objects.get(key="rongcheng-b").max_score
    with pytest.raises(CommandError) as caught:
        call_command("loaddata", fixture_file([factor(points="-7"), overlapping]), verbosity=0)
    assert "bad.json would leave inconsistent rules" in str(caught.value)
    assert "'rongcheng-b' (850-990) overlaps 'rongcheng-a'" in str(caught.value)
    # The valid row loaded before the bad one is rolled back too.
    assert (state(), Grade.objects.get(key="rongcheng-b").max_score) == before


def test_a_load_is_recorded_in_the_history_once_per_real_change(fixture_file):
    row = Factor.objects.get(key="sesame-late-bills")
    records = row.history.count()
    call_command("loaddata", fixture_file([factor(points="-7")], name="edit.json"),
                 verbosity=0)
    assert row.history.count() == records + 1
    latest = row.history.first()
    assert latest.history_change_reason == "Loaded from edit.json"
    assert latest.history_type == "~" and str(latest.points) == "-7.00"
    call_command("loaddata", fixture_file([factor(points="-7")], name="edit.json"),
                 verbosity=0)
    assert row.history.count() == records + 1  # nothing changed, nothing recorded


def test_export_reproduces_the_shipped_files_byte_for_byte(tmp_path):
    call_command("export_fixtures", dir=tmp_path, stdout=open("/dev/null", "w"))  # noqa: SIM115
    for name in settings.RULE_FIXTURES:
        shipped = Path(settings.FIXTURE_DIRS[0]) / f"{name}.json"
        assert (tmp_path / f"{name}.json").read_bytes() == shipped.read_bytes(), name
