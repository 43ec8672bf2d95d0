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


@pytest.mark.parametrize(("query", "name", "message"), [
    ("loan_arrears=13", "loan_arrears",
     "Loan arrears must be a whole number from 0 to 12, not '13'."),
    ("loan_arrears=-1", "loan_arrears", "not '-1'"),
    ("loan_arrears=two", "loan_arrears", "not 'two'"),
    ("court_judgment=maybe", "court_judgment",
     "Court judgment against them must be one of none, paid, refused, not 'maybe'."),
    ("drunk_driving=2", "drunk_driving", "Drunk driving must be 0 (no) or 1 (yes), not '2'."),
    ("karma=5", "karma", "There is no setting called 'karma'."),
    ("jaywalking=1&jaywalking=2", "jaywalking", "Jaywalking is given 2 times; give it once."),
    # Counts are ASCII digits only: no underscores, other scripts' digits, signs or floats.
    ("loan_arrears=1_0", "loan_arrears", "not '1_0'"),
    ("loan_arrears=%D9%A1%D9%A0", "loan_arrears", "not '١٠'"),
    ("loan_arrears=%2B3", "loan_arrears", "not '+3'"),
    ("loan_arrears=3.0", "loan_arrears", "not '3.0'"),
    ("loan_arrears=" + "9" * 5000, "loan_arrears", "not '" + "9" * 24 + "…'"),
])
def test_bad_values_are_rejected_naming_the_parameter_by_its_label(query, name, message):
    with pytest.raises(RecordError) as caught:
        Record.parse(QueryDict(query))
    assert list(caught.value.errors) == [name]
    assert message in caught.value.errors[name]


@pytest.mark.django_db  # `residence` takes its places from the schemes in the data
def test_every_value_has_plain_words():
    for parameter in PARAMETERS:
        values = parameter.choices or range(parameter.minimum, parameter.maximum + 1)
        for value in values:
            words = parameter.describe(value)
            assert words and "_" not in words and words != str(value)
    described = {p.name: p.describe for p in PARAMETERS}
    assert described["court_judgment"]("refused") == (
        "Refused to carry out a court judgment, though able to")
    assert described["residence"]("rongcheng") == "Lives in Rongcheng"
    assert described["late_bills"](1) == "1 late bill"
    assert described["late_bills"](3) == "3 late bills"
    assert described["flight_disruption"](1) == "Disrupted a flight"


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


@pytest.mark.django_db
def test_the_permalink_query_round_trips():
    record = Record(court_judgment="paid", jaywalking=4, residence="suining")
    assert record.to_query() == "court_judgment=paid&jaywalking=4&residence=suining"
    assert Record.parse(QueryDict(record.to_query())) == record
