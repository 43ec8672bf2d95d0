"""The "See for yourself" steps: each is a record, and what the text says happens to it.

`content/steps.json` lists, per chapter, steps with an `id` (the text links to it as
`[words](step:id)`), a `record` (the query the link sets), `after` (the step it follows,
or "@default" for the empty record) and `expect`: sentences in a tiny language, checked
against the engine by `manage.py check` and the tests, so a rule change that makes the text
wrong is caught:

    <system> is <verdict>          the verdict, as the strip shows it ("350 / 950", "Listed")
    <system> applies               or: <system> does not apply
    <system> unchanged             same verdict as after the previous step
    <system> score up|down         compared with the previous step
    <system> score +N|-N           exactly N more or fewer points
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from urllib.parse import parse_qsl

from django.core import checks
from django.core.exceptions import ObjectDoesNotExist
from django.db import DatabaseError
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from systems.record import signed
from systems.releases import editions

from . import content

EXPECTATION = re.compile(
    r"^(?P<system>[a-z]+) (?:(?P<applies>applies|does not apply)|is (?P<verdict>.+)|"
    r"(?P<unchanged>unchanged)|score (?P<direction>up|down|[+-]\d+(?:\.\d+)?))$")


def outcome_of(query: str):
    from . import simulation
    return simulation.read(QueryDict(query)).outcome


def problems(chapter: str, step: dict, outcomes: dict) -> list[str]:
    """Why `step`'s expectations do not hold (empty when they all do)."""
    from . import simulation
    where = f"step {chapter}/{step['id']}"
    sim = simulation.read(QueryDict(step["record"]))
    if sim.errors:
        return [f"{where}: invalid record: {'; '.join(sim.errors.values())}"]
    if not simulation.is_canonical(QueryDict(step["record"]), sim):
        return [f"{where}: write the record as its permalink: {sim.query!r}"]
    now = outcomes[step["id"]] = sim.outcome
    before = outcomes.get(step.get("after") or "")
    found = []
    for sentence in step["expect"]:
        match = EXPECTATION.match(sentence)
        if not match:
            found.append(f"{where}: cannot read {sentence!r}")
            continue
        try:
            result = now[match["system"]]
        except KeyError:
            found.append(f"{where}: no system {match['system']!r} in {sentence!r}")
            continue
        earlier = before[match["system"]] if before else None
        if not holds(match, result, earlier):
            shown = f"{result.verdict.headline}, applies={result.applies}"
            if earlier is not None:
                shown += f" (before: {earlier.verdict.headline}, applies={earlier.applies})"
            found.append(f"{where}: expected {sentence!r}, got {shown}")
    return found


def holds(match, result, earlier) -> bool:
    verdict = result.verdict
    if match["applies"]:
        return result.applies == (match["applies"] == "applies")
    if match["verdict"]:
        return match["verdict"] in (verdict.headline, verdict.label)
    if earlier is None:
        return False  # comparisons need a previous step
    if match["unchanged"]:
        return (verdict.headline, result.applies) == (earlier.verdict.headline, earlier.applies)
    change = (verdict.value or 0) - (earlier.verdict.value or 0)
    direction = match["direction"]
    if direction == "up":
        return change > 0
    if direction == "down":
        return change < 0
    return abs(change - float(direction)) < 1e-9


def verify() -> list[str]:
    """Every step of every chapter, in order; problems as messages."""
    found = []
    for chapter, steps in content.load_steps().items():
        outcomes = {"@default": outcome_of("")}
        ids = [step["id"] for step in steps]
        if len(set(ids)) != len(ids):
            found.append(f"steps of {chapter}: an id is used twice")
        for step in steps:
            if step.get("after") and step["after"] not in outcomes:
                found.append(f"step {chapter}/{step['id']}: 'after' names no earlier step")
            found += problems(chapter, step, outcomes)
    return found


@checks.register("content")
def check_steps(app_configs=None, **kwargs):
    from systems.models import Feed, Persona
    try:
        if not (Feed.objects.exists() and Persona.objects.exists()):
            return []  # nothing loaded yet: there is nothing to check the text against
        found = verify()
    except (DatabaseError, ObjectDoesNotExist):  # no tables yet, or rules half-loaded
        return []  # (systems.E001 reports incomplete rules)
    return [checks.Warning(message, hint="Update the text and content/steps.json together.",
                           id="explainer.W001") for message in found]


# --- Where the reader is in a chapter's steps, and what the last step changed --------------


@dataclass(frozen=True)
class Position:
    """The step bar at the top of a chapter's results."""

    number: int  # 1-based; 0 when the record is none of the steps
    total: int
    text: str  # what the step does, in words ("Start from: Debtor who refuses to pay")
    next_href: str  # the next step's link ("" after the last)
    next_text: str
    marks: MappingProxyType  # system key → what changed since the step before, in words
    edited: bool = False  # the reader changed more than the step did


def pairs(query: str) -> frozenset[tuple[str, str]]:
    """A step's record as name=value pairs, without the persona it came from (as a
    QueryDict reads it, the last value of a name given twice, without building one)."""
    return frozenset((k, v) for k, v in dict(parse_qsl(query, keep_blank_values=True)).items()
                     if k != "from")


_step_pairs = lru_cache(maxsize=256)(pairs)  # the steps' own records: the same every time


def position(chapter: str, page, sim) -> Position | None:
    """Which "See for yourself" step the record is: exactly one (its changes since the step
    before it are marked), or the latest whose every value the reader's record still holds
    (they have gone on changing it, or are half-way through the next step); else the way in
    to step 1."""
    steps = content.load_steps().get(chapter, [])
    if not steps or sim.errors:
        return None
    records = tuple(step["record"] for step in steps)
    index = next((i for i, record in enumerate(records) if record == sim.query), None)
    edited = index is None
    if edited:
        held = pairs(sim.query)
        index = next((i for i in range(len(records) - 1, -1, -1)
                      if _step_pairs(records[i]) and _step_pairs(records[i]) <= held), None)
    token = editions.token()
    if token is None:  # outside a request (commands, tests): the draft, kept by signals
        return _position(records, index, edited)
    return _kept_position(records, index, edited, token, get_language())


@lru_cache(maxsize=256)
def _kept_position(records: tuple[str, ...], index: int | None, edited: bool, edition,
                   language: str) -> Position:
    """The step bar depends only on the steps, where the record is among them, the data
    and the language: built once per edition and language, for every record (a record
    nobody has asked for before is still at one of a chapter's few steps)."""
    return _position(records, index, edited)


def _position(records: tuple[str, ...], index: int | None, edited: bool) -> Position:
    if index is None:
        return Position(0, len(records), "", f"?{records[0]}#results",
                        words_of(records[0], ""), MappingProxyType({}))
    record = records[index]
    earlier = records[index - 1] if index else ""
    following = records[index + 1] if index + 1 < len(records) else None
    # At a step exactly, the reader's record is the step's (a pinned release's permalink
    # names its release, so it is never a step's record).
    marks = {} if edited else changes(outcome_of(earlier), outcome_of(record))
    # Once the reader has changed the record, a value the step took away may be back.
    return Position(index + 1, len(records), words_of(record, earlier, not edited),
                    f"?{following}#results" if following else "",
                    words_of(following, record) if following else "",
                    MappingProxyType(marks), edited)


def words_of(record: str, earlier: str, removals: bool = True) -> str:
    """What a step does, in the words readers see in the form: the persona it starts from,
    or each value it sets ("Lives in Rongcheng; Opted in to local scoring")."""
    from systems.record import PARAMETERS_BY_NAME

    from . import simulation
    sim, before_sim = simulation.read(QueryDict(record)), simulation.read(QueryDict(earlier))
    if sim.active_persona is not None and sim.active_persona.get_record() != before_sim.record:
        return _("Start from: %(name)s") % {"name": sim.active_persona.name}
    said = []
    came_from = sim.edited_from
    if came_from is not None and came_from not in (before_sim.active_persona,
                                                    before_sim.edited_from):
        # A persona, then changes: name the persona, then only what the step changes.
        said.append(_("Start from: %(name)s") % {"name": came_from.name})
        earlier = came_from.get_record().to_query()
    before = dict(pairs(earlier))
    now = dict(pairs(record))
    for name in PARAMETERS_BY_NAME:  # in the form's order
        if name in now and before.get(name) != now[name] or (
                removals and name in before and name not in now):
            value = getattr(sim.record, name)
            said.append(PARAMETERS_BY_NAME[name].describe(value))
    return "; ".join(said)[:1].upper() + "; ".join(said)[1:]


def changes(before, after) -> dict[str, tuple[str, ...]]:
    """Per system, what moved between two outcomes: "now applies", "−288", "B → C",
    "Not listed → Listed"."""
    found = {}
    for result in after.results:
        try:
            earlier = before[result.system]
        except KeyError:
            continue
        words = []
        if result.applies != earlier.applies and not result.fiction:
            # Not "no longer applies" beside "No score without consent": what it said before.
            words.append(_("now covered") if result.applies else
                         _("was %(verdict)s") % {"verdict": earlier.verdict.headline})
        elif result.applies or result.fiction:
            old, new = earlier.verdict, result.verdict
            if new.kind in ("score", "grade", "stars") and new.value is not None:
                delta = round((new.value or 0) - (old.value or 0), 2)
                if delta:
                    words.append(signed(delta))
            if old.band != new.band and old.band and new.band:
                words.append(f"{old.band} → {new.band}")
            elif new.kind == "list" and old.label != new.label:
                words.append(f"{old.label} → {new.label}")
        if words:
            found[result.system] = tuple(words)
    return found
