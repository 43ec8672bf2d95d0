"""The Nosedive contrast model against facts.md section 8."""

import pytest

pytestmark = pytest.mark.django_db


def test_lacie_starts_at_4_2_and_can_board_but_misses_pelican_cove(run):
    result = run()["nosedive"]
    assert result.fiction
    assert result.verdict.value == pytest.approx(4.2)
    perks = {e.key: e.kind for e in result.effects}
    assert perks == {"nd-flight": "perk", "nd-pelican-cove": "sanction"}


def test_the_airport_scene_costs_a_star_and_doubles_downvotes(run):
    result = run(flight_disruption=1, rude_to_strangers=2)["nosedive"]
    rude = next(s for s in result.trace if s.rule == "nd-rude")
    assert rude.delta == pytest.approx(-0.4)  # 2 × −0.1, doubled
    assert result.verdict.value == pytest.approx(4.2 - 1 - 0.4)


def test_ratings_stay_between_one_and_five_stars(run):
    assert run(flight_disruption=1, rude_to_strangers=10, jaywalking=20)["nosedive"] \
        .verdict.value == 1
