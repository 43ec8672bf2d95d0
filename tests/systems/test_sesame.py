"""Sesame Credit against facts.md section 1 and table 9."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_ordinary_record_scores_mid_scale_and_is_marked_illustrative(run):
    result = run()["sesame"]
    assert result.verdict.kind == "score"
    assert 350 <= result.verdict.value <= 950
    assert result.verdict.status == "illustrative"  # weights and tiers are not published
    assert result.applies


def test_tiers_follow_the_commonly_cited_cut_offs(run):
    careful = run(shopping="heavy", profile="complete", assets="home", contacts="high")["sesame"]
    assert careful.verdict.value >= 700
    assert careful.verdict.band == "Excellent"


@pytest.mark.parametrize(("params", "perk", "unlocked"), [
    ({}, "suzhou-public-bikes", True),  # 600+ and no bad record
    ({"court_judgment": "paid", "shopping": "heavy", "profile": "complete"},
     "suzhou-public-bikes", False),  # a court record blocks it whatever the score
    ({"shopping": "heavy", "profile": "complete", "assets": "home", "contacts": "high"},
     "visa-japan", True),  # 750+
    ({"shopping": "heavy", "profile": "complete"}, "visa-japan", False),
])
def test_perks_unlock_at_their_documented_thresholds(run, params, perk, unlocked):
    result = run(**params)["sesame"]
    keys = {e.key for e in result.effects if e.kind == "perk"}
    assert (perk in keys) is unlocked


def test_perk_thresholds_are_the_reported_numbers(run):
    from systems.commercial.models import Perk
    thresholds = dict(Perk.objects.values_list("key", "min_score"))
    assert thresholds == {"suzhou-public-bikes": 600, "deposit-free-shared-bikes": 651,
                          "visa-luxembourg": 700, "visa-japan": 750, "visa-canada": 750}


def test_the_court_list_drops_the_score_to_the_floor_and_blocks_purchases(run):
    result = run(court_judgment="refused", shopping="heavy", assets="home")["sesame"]
    assert result.verdict.value == 350
    cap = next(s for s in result.trace if s.rule == "sesame-court-refused")
    assert cap.status == "illustrative"  # the exact penalty is not published
    assert cap.source.key == "xinhua-2017-defaulters"
    sanctions = {e.key for e in result.effects if e.kind == "sanction"}
    assert sanctions == {"sesame-no-luxury", "sesame-no-travel"}


def test_every_trace_step_names_its_rule_and_source(run):
    result = run(loan_arrears=2, late_bills=1, contacts="low")["sesame"]
    assert {s.rule for s in result.trace} == {"sesame-loan-arrears", "sesame-late-bills",
                                              "sesame-contacts-low"}
    assert all(s.source and s.delta < 0 for s in result.trace)
    arrears = next(s for s in result.trace if s.rule == "sesame-loan-arrears")
    assert arrears.detail == ("2 months behind on a loan × −12 on the Credit history rating "
                              "(35 % of the score)")
    assert arrears.delta == pytest.approx(2 * -12 * 6 * 35 / 100)


def test_sesame_sees_platform_data_and_the_court_feed_only(run):
    result = run()["sesame"]
    assert set(result.sees) == {"court_judgment", "loan_arrears", "late_bills", "shopping",
                                "profile", "assets", "contacts"}
    assert "traffic_tickets" in result.cannot_see
    assert "rude_to_strangers" in result.cannot_see
