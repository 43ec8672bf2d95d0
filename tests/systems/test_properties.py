"""Invariants over every possible record (hypothesis)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from systems import engine
from systems.record import PARAMETERS, Record

pytestmark = pytest.mark.django_db

REAL = ("sesame", "blacklists", "rongcheng", "suining")


def value(parameter):
    if parameter.from_data:  # the places with a scheme, read when a test draws one
        return st.deferred(lambda: st.sampled_from(parameter.choices))
    if parameter.is_choice:
        return st.sampled_from(parameter.choices)
    return st.integers(parameter.minimum, parameter.maximum)


records = st.builds(Record, **{p.name: value(p) for p in PARAMETERS})
examples = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@examples
@given(records)
def test_sesame_always_stays_within_350_and_950(run, record):
    assert 350 <= engine.evaluate(record)["sesame"].verdict.value <= 950


@examples
@given(records, st.integers(0, 11))
def test_more_arrears_never_raises_a_score(run, record, months):
    fewer = engine.evaluate(record.replace(loan_arrears=months))
    more = engine.evaluate(record.replace(loan_arrears=months + 1))
    for system in ("sesame", "rongcheng", "suining", "nosedive"):
        assert more[system].verdict.value <= fewer[system].verdict.value


def fresh(record) -> dict:
    """Every system's own evaluation, past the engine's memo (which would hand back the
    very result it kept for the first of two records that look alike to a system)."""
    return {system.key: system.evaluate(record, rules, sees, cannot_see)
            for system, rules, sees, cannot_see in engine.snapshot()}


@examples
@given(records, st.integers(0, 10))
def test_rudeness_changes_no_real_system(run, record, rudeness):
    before = fresh(record)
    after = fresh(record.replace(rude_to_strangers=rudeness))
    for system in REAL:
        assert after[system] == before[system]
    assert after["nosedive"].verdict.value <= before["nosedive"].verdict.value or \
        rudeness < record.rude_to_strangers


@examples
@given(records)
def test_same_input_same_output(run, record):
    assert fresh(record) == fresh(record)


@examples
@given(records)
def test_every_step_has_a_source_and_a_status(run, record):
    for result in engine.evaluate(record).results:
        assert result.sees and set(result.sees).isdisjoint(result.cannot_see)
        for step in result.trace:
            assert step.source is not None
            assert step.status in {"documented", "reported", "illustrative"}
            if step.status == "illustrative":
                assert step.note


def test_evaluation_makes_no_query_once_rules_are_loaded(run, django_assert_num_queries):
    import random
    rng = random.Random(7)
    with django_assert_num_queries(0):
        for _ in range(50):
            engine.evaluate(Record.random(rng))


@given(st.randoms(use_true_random=False))
@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_remembered_result_is_the_result(run, rng):
    """The engine keeps each system's result per the inputs that system can see: that is
    only right if nothing else in the record changes the result. So a second record that
    looks the same to a system, and differs in everything else, must get from the memo
    exactly what that system would compute for it."""
    first = Record.random(rng)
    for system, _rules, sees, _cannot_see in engine.snapshot():
        second = Record.random(rng).replace(**{name: getattr(first, name) for name in sees})
        kept = engine.evaluate(first)[system.key]
        remembered = engine.evaluate(second)[system.key]
        assert remembered is kept  # the memo answered
        assert remembered == fresh(second)[system.key]
