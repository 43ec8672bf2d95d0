"""Blacklists against facts.md sections 3 and 4: membership plus sanctions, no score."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_debtor_who_refuses_is_listed_with_the_documented_sanctions(run):
    result = run(court_judgment="refused")["blacklists"]
    assert result.verdict.label == "Listed"
    assert result.verdict.value is None  # a list is never a score
    sanctions = {e.key for e in result.effects if e.kind == "sanction"}
    assert {"no-flights", "no-high-speed-rail", "no-star-hotels", "no-private-schools",
            "no-executive-posts", "no-loans", "joint-punishment"} <= sanctions
    assert any(e.label == "How to get off" and "Pay" in e.detail for e in result.effects)


def test_joint_punishment_names_44_bodies(run):
    result = run(court_judgment="refused")["blacklists"]
    assert "44" in next(e.label for e in result.effects if e.key == "joint-punishment")


def test_paying_takes_a_debtor_off(run):
    result = run(court_judgment="paid")["blacklists"]
    assert result.verdict.label == "Not listed"
    assert [s.rule for s in result.trace] == ["court-paid"]
    assert result.effects == ()


def test_a_flight_disruption_puts_a_person_on_the_tourist_list(run):
    result = run(flight_disruption=1)["blacklists"]
    assert result.verdict.label == "Listed"
    assert "tourist" in result.verdict.band


@pytest.mark.parametrize("params", [{}, {"loan_arrears": 12}, {"rude_to_strangers": 10},
                                    {"traffic_tickets": 10, "jaywalking": 20}])
def test_nothing_else_lists_a_person(run, params):
    assert run(**params)["blacklists"].verdict.label == "Not listed"
