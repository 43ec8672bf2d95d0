"""Bad fixtures fail naming file, object and field, and change nothing."""

import json

import pytest
from django.core.management import CommandError, call_command

from systems.commercial.models import Factor
from systems.pilots.models import Grade

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


def counts():
    return Factor.objects.count(), list(Factor.objects.values_list("key", "points"))


def test_the_shipped_fixtures_load_twice_without_duplicates():
    from django.conf import settings
    before = counts()
    call_command("loaddata", *settings.RULE_FIXTURES, verbosity=0)
    assert counts() == before


@pytest.mark.parametrize(("objects", "raw", "expected"), [
    (None, "[{\"model\": ", "bad.json"),
    ([factor(status="maybe")], None, "commercial.Factor 'sesame-late-bills': status:"),
    ([factor(points="lots")], None,
     "commercial.Factor 'sesame-late-bills': points: “lots” value must be a decimal number."),
    ([factor(colour="red")], None, "unknown field 'colour'"),
    ([factor(parameter="karma")], None, "parameter:"),
    ([factor(note="")], None, "note: Say why this value is illustrative"),
    ([factor(source=None)], None, "source:"),
    ([factor(status="documented", source=["sesame-weights-qa"])], None,
     "A documented row needs a source readers can open"),
    ([factor(dimension=["no-such-dimension"])], None, "bad.json"),
])
def test_malformed_rows_are_refused_and_nothing_changes(fixture_file, objects, raw, expected):
    before = counts()
    with pytest.raises(CommandError) as caught:
        call_command("loaddata", fixture_file(objects, raw=raw), verbosity=0)
    assert "bad.json" in str(caught.value)
    assert expected in str(caught.value)
    assert counts() == before


def test_an_inconsistent_set_is_refused_as_a_whole(fixture_file):
    overlapping = {"model": "pilots.grade", "fields": {
        "key": "rongcheng-b", "source": ["jamoxi-2020-rongcheng"], "status": "illustrative",
        "note": "test", "scheme": ["rongcheng-points"], "label": "B", "min_score": 850,
        "max_score": 990, "summary": ""}}
    good_change = factor(points="-7")
    before = counts(), Grade.objects.get(key="rongcheng-b").max_score
    with pytest.raises(CommandError) as caught:
        call_command("loaddata", fixture_file([good_change, overlapping]), verbosity=0)
    assert "bad.json would leave inconsistent rules" in str(caught.value)
    assert "'rongcheng-b' (850-990) overlaps 'rongcheng-a'" in str(caught.value)
    # The valid row loaded before the bad one is rolled back too.
    assert (counts(), Grade.objects.get(key="rongcheng-b").max_score) == before
