"""Rongcheng against facts.md section 5.2 (CLT Attachment 1, Mistreanu via a summary)."""

import pytest

pytestmark = pytest.mark.django_db

RESIDENT = {"residence": "rongcheng", "opted_in": 1}


def delta(result, rule):
    return next(s.delta for s in result.trace if s.rule == rule)


def test_a_resident_who_opted_in_starts_at_1000_in_grade_a(run):
    result = run(**RESIDENT)["rongcheng"]
    assert result.applies and result.why_not == ""
    assert result.verdict.value == 1000
    assert result.verdict.label == "A"


def test_loan_arrears_cost_10_points_per_month(run):
    result = run(loan_arrears=3, **RESIDENT)["rongcheng"]
    assert delta(result, "rc-loan-arrears") == -30
    assert result.verdict.value == 970
    step = next(s for s in result.trace if s.rule == "rc-loan-arrears")
    assert step.status == "documented"
    assert step.source.key == "clt-rongcheng-standards"


@pytest.mark.parametrize(("params", "rule", "points"), [
    ({"late_bills": 2}, "rc-late-bills", -40),
    ({"counterfeits": 1}, "rc-counterfeits", -30),
    ({"traffic_tickets": 1}, "rc-traffic-tickets", -5),
    ({"heroic_deed": 1}, "rc-heroic-deed", 30),
    ({"court_judgment": "paid"}, "rc-court-paid", -30),
])
def test_documented_and_reported_values(run, params, rule, points):
    assert delta(run(**params, **RESIDENT)["rongcheng"], rule) == points


def test_drunk_driving_drops_straight_to_grade_c(run):
    result = run(drunk_driving=1, heroic_deed=1, **RESIDENT)["rongcheng"]
    assert result.verdict.value == 1030  # the points still add up...
    assert result.verdict.label == "C"  # ...but the grade is capped


def test_aaa_starts_at_1050(run):
    result = run(heroic_deed=1, volunteering=20, **RESIDENT)["rongcheng"]
    assert result.verdict.value == 1050
    assert result.verdict.label == "AAA"
    assert any(e.key == "rongcheng-aaa-perks" for e in result.effects)


def test_a_low_score_alone_triggers_no_restriction(run):
    result = run(loan_arrears=12, late_bills=12, court_judgment="refused", **RESIDENT)["rongcheng"]
    assert result.verdict.label == "D"
    assert [e.kind for e in result.effects] == ["consequence"]


def test_people_elsewhere_or_without_consent_are_not_scored(run):
    elsewhere = run()["rongcheng"]
    assert not elsewhere.applies
    assert elsewhere.why_not_short == "lives elsewhere"
    assert "only covers residents" in elsewhere.why_not
    no_consent = run(residence="rongcheng")["rongcheng"]
    assert not no_consent.applies
    assert "consent" in no_consent.why_not


def test_undocumented_cut_offs_are_illustrative(run):
    assert run(**RESIDENT)["rongcheng"].verdict.status == "illustrative"
