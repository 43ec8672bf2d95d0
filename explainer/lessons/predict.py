"""Predict, then reveal: the reader guesses what each system concludes about a person,
then sees the real verdicts beside the guesses, with why.

Every system gets the same three choices, so chance scores a third (as in Gapminder's
questions), and the choices are the chapters' own distinctions: does the system cover this
person at all, and if it does, does anything in the record count against them? The right
answer is computed by the engine for the record shown, compared with the empty record
(someone with nothing out of the ordinary), so it cannot drift from the verdicts.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

NOT_COVERED = "not-covered"
NOTHING = "nothing"
AGAINST = "against"
CHOICES = (
    (NOT_COVERED, _("Not covered")),
    (NOTHING, _("Nothing against them")),
    (AGAINST, _("Counts against them")),
)
LABELS = dict(CHOICES)
PREFIX = "guess-"


def bad_code() -> str:
    """The message for a class code that cannot be one (models.code_is_well_formed)."""
    from .models import CODE_LENGTH
    return str(_("A class code is %(n)d letters and digits, as your teacher gave it.") % {
        "n": CODE_LENGTH})  # a guess's form field: guess-<system key>


def answer(result, baseline) -> str:
    """The right choice for one system's result. `baseline` is the same system's result
    for the empty record: "counts against" means a listing, or a lower number than that."""
    if not result.applies:
        return NOT_COVERED
    verdict = result.verdict
    if verdict.kind == "list":
        return AGAINST if verdict.band else NOTHING  # a list names the lists one is on
    before = baseline.verdict.value if baseline is not None else None
    if verdict.value is not None and before is not None and verdict.value < before:
        return AGAINST
    return NOTHING


def why(result) -> str:
    """Why the answer is what it is: whom the system covers, or the rules that made its
    verdict."""
    if not result.applies:
        return result.why_not or result.why_not_short
    rules = [step.label for step in result.trace[:3]]
    if not rules:
        return str(_("Nothing in this record moves its verdict."))
    return str(_("Because: %(rules)s.") % {"rules": "; ".join(rules)})


@dataclass(frozen=True)
class Question:
    system: str
    name: str
    answer: str  # one of the CHOICES keys
    why: str
    verdict: str  # the verdict as the strip shows it
    guess: str = ""  # the reader's, when given

    @property
    def field(self) -> str:
        return PREFIX + self.system

    @property
    def right(self) -> bool:
        return self.guess == self.answer

    @property
    def answer_label(self) -> str:
        return str(LABELS[self.answer])

    @property
    def guess_label(self) -> str:
        return str(LABELS.get(self.guess, ""))


def questions(outcome, baseline, keys=None, guesses=None) -> list[Question]:
    """One question per system shown (`keys`, in order; default every system)."""
    guesses = guesses or {}
    chosen = keys or [r.system for r in outcome.results]
    found = []
    for key in chosen:
        try:
            result = outcome[key]
        except KeyError:
            continue
        try:
            before = baseline[key]
        except KeyError:
            before = None
        # A system that does not cover the person has no verdict on them to show.
        verdict = (result.verdict.headline or result.verdict.label) if result.applies else ""
        found.append(Question(key, result.name, answer(result, before), why(result),
                              verdict, guesses.get(key, "")))
    return found


def read_guesses(data: QueryDict, keys) -> tuple[dict[str, str], dict[str, str]]:
    """(guesses by system key, errors by field) from a submitted prediction form."""
    allowed = dict(CHOICES)
    guesses, errors = {}, {}
    for key in keys:
        values = data.getlist(PREFIX + key)
        if not values:
            continue
        if len(values) > 1 or values[0] not in allowed:
            errors[PREFIX + key] = str(_("Choose one of the three answers."))
            continue
        guesses[key] = values[0]
    return guesses, errors


def baseline():
    """The empty record's outcome (someone with nothing out of the ordinary), which the
    answers are measured against, for the rules readers see."""
    from explainer import simulation
    return simulation.read(QueryDict()).outcome


@dataclass(frozen=True)
class Prediction:
    """What the widget shows when readers predict first: the questions, and after a guess,
    the guesses beside the answers."""

    questions: list[Question]
    guessed: bool
    errors: dict[str, str]
    class_code: str = ""
    class_message: str = ""  # why a guess was not counted in the class tally, if it was not

    @property
    def right(self) -> int:
        return sum(q.right for q in self.questions)

    @property
    def choices(self):
        return CHOICES


def prediction(request, sim, keys) -> Prediction | None:
    """The predict-then-reveal state of a request that asks for it (`reveal=after`): the
    questions for the record shown, and, for a submitted form (POST), the guesses, counted
    in the class tally when the form carries a class code. Nothing else is stored."""
    data = request.POST if request.method == "POST" else request.GET
    if request.GET.get("reveal") != "after" and data.get("reveal") != "after":
        return None
    from .models import code_is_well_formed  # models reads this module's choices
    code = (data.get("class") or request.GET.get("class") or "").strip().upper()
    errors: dict[str, str] = {}
    if code and not code_is_well_formed(code):
        errors["class"] = bad_code()
        code = ""
    guesses, problems = ({}, {}) if request.method != "POST" else read_guesses(data, keys)
    errors.update(problems)
    guessed = request.method == "POST" and not problems and len(guesses) == len(keys)
    if request.method == "POST" and not problems and not guessed:
        errors["guess"] = str(_("Choose an answer for every system, then show the answers."))
    message = ""
    if guessed and code:
        from . import tally
        message = tally.record(code, guesses)
    return Prediction(questions(sim.outcome, baseline(), keys, guesses), guessed, errors,
                      code, message)
