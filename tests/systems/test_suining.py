"""Suining against facts.md section 5.1 (Xinhua 2014-06-24)."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_base_of_1000_is_split_into_four_reported_parts(db):
    from systems.pilots.models import Scheme
    scheme = Scheme.objects.get(system="suining")
    assert scheme.base_score == 1000
    assert [p.points for p in scheme.parts.all()] == [150, 120, 530, 200]


@pytest.mark.parametrize(("params", "rule", "points"), [
    ({"commendation": 1}, "su-commendation", 100),
    ({"heroic_deed": 1}, "su-heroic-deed", 10),
    ({"neglects_parents": 1}, "su-neglects-parents", -50),
])
def test_reported_adjustments(run, params, rule, points):
    """One Xinhua report of 2014 states these values: reported, not documented (the
    December 2026 fact check)."""
    result = run(residence="suining", **params)["suining"]
    step = next(s for s in result.trace if s.rule == rule)
    assert (step.delta, step.status) == (points, "reported")
    assert result.verdict.value == 1000 + points


def test_grades_carry_their_reported_consequences(run):
    model = run(residence="suining", commendation=1)["suining"]
    assert model.verdict.label == "A"
    assert any("Party membership" in e.label for e in model.effects)
    assert model.verdict.status == "illustrative"  # the cut-offs are not published


def test_suining_applies_without_consent_but_only_to_residents(run):
    assert run(residence="suining")["suining"].applies
    assert not run(residence="rongcheng")["suining"].applies
