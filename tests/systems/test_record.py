import pytest
from django.http import QueryDict

from systems.record import PARAMETERS, Record, RecordError


def test_defaults_match_the_public_contract():
    record = Record()
    assert record.court_judgment == "none"
    assert record.shopping == "light"
    assert record.profile == "bare"
    assert record.contacts == "average"
    assert record.changes() == {}
    assert [p.name for p in PARAMETERS][:18] == [
        "court_judgment", "loan_arrears", "late_bills", "shopping", "profile", "assets",
        "contacts", "traffic_tickets", "drunk_driving", "jaywalking", "volunteering",
        "blood_donation", "heroic_deed", "commendation", "neglects_parents",
        "flight_disruption", "counterfeits", "rude_to_strangers"]


def test_parse_reads_a_query_string():
    record = Record.parse(QueryDict("loan_arrears=3&court_judgment=refused&shopping=heavy"))
    assert (record.loan_arrears, record.court_judgment, record.shopping) == (3, "refused", "heavy")


@pytest.mark.parametrize(("query", "name", "words"), [
    ("loan_arrears=13", "loan_arrears", "outside the allowed range 0 to 12"),
    ("loan_arrears=-1", "loan_arrears", "outside the allowed range"),
    ("loan_arrears=two", "loan_arrears", "not a whole number"),
    ("court_judgment=maybe", "court_judgment", "not one of none, paid, refused"),
    ("drunk_driving=2", "drunk_driving", "0 to 1"),
    ("karma=5", "karma", "unknown parameter"),
    ("jaywalking=1&jaywalking=2", "jaywalking", "given 2 times"),
])
def test_bad_values_are_rejected_naming_the_parameter(query, name, words):
    with pytest.raises(RecordError) as caught:
        Record.parse(QueryDict(query))
    assert list(caught.value.errors) == [name]
    assert name in caught.value.errors[name]
    assert words in caught.value.errors[name]


def test_every_bad_parameter_is_reported_at_once():
    with pytest.raises(RecordError) as caught:
        Record.parse({"loan_arrears": "99", "shopping": "lots"})
    assert set(caught.value.errors) == {"loan_arrears", "shopping"}


def test_empty_values_mean_default_and_ignored_names_are_skipped():
    record = Record.parse(QueryDict("loan_arrears=&persona=volunteer"), ignore={"persona"})
    assert record == Record()


def test_a_base_record_is_overridden_by_explicit_values():
    base = Record(volunteering=40, residence="rongcheng")
    record = Record.parse({"volunteering": "2"}, base=base)
    assert record.volunteering == 2
    assert record.residence == "rongcheng"


def test_the_permalink_query_round_trips():
    record = Record(court_judgment="paid", jaywalking=4, residence="suining")
    assert record.to_query() == "court_judgment=paid&jaywalking=4&residence=suining"
    assert Record.parse(QueryDict(record.to_query())) == record
