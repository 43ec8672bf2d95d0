"""The API's shapes, generated from the record contract and the outcome dataclasses.

The record's query parameters come from `systems.record.PARAMETERS`, so the OpenAPI
document cannot drift from what the site accepts. The outcome schemas mirror
`systems.outcome`; a test checks they have the same fields.
"""

from __future__ import annotations

from typing import Annotated, Literal

from ninja import Schema
from pydantic import BeforeValidator, Field, create_model

from systems.record import PARAMETERS
from systems.translated import languages


def _blank_is_unset(value):
    """As the site reads a query string (`Record.parse`): spaces and tabs around a value do
    not count, and an empty value means the default."""
    if isinstance(value, str):
        return value.strip(" \t") or None
    return value


Blank = BeforeValidator(_blank_is_unset)


def _field(parameter, required: bool):
    if parameter.from_data:  # residence: its values come from the data (one per scheme)
        kind = Annotated[str, Field(pattern=r"^[a-z0-9-]{1,20}$")]
    elif parameter.is_choice:
        kind = Literal[parameter.choices]  # type: ignore[valid-type]
    else:
        kind = Annotated[int, Field(ge=parameter.minimum, le=parameter.maximum)]
    description = f"{parameter.label}: {parameter.help} Default: {parameter.default}."
    if parameter.from_data:
        description += (" Values: elsewhere, or a place with a points scheme (see "
                        "/api/v1/systems.json); places are added, never renamed.")
    if required:
        return kind, Field(description=description)
    return Annotated[kind | None, Blank], Field(None, description=description)


RecordQuery = create_model(
    "RecordQuery", __base__=Schema,
    **{p.name: _field(p, required=False) for p in PARAMETERS},
    persona=(str | None, Field(None, description="Start from a persona's record (see "
                                                  "personas.json); other parameters change it.")),
    rules=(Annotated[Annotated[int, Field(ge=1)] | None, Blank],
           Field(None, description="Compute with the rules of this release (see /en/changes/) "
                                   "instead of today's.")),
    lang=(Literal[tuple(languages())] | None,
          Field(None, description="The language of labels, notes and messages (every "
                                  "endpoint takes it); English by default.")),
)
RecordOut = create_model("Record", __base__=Schema,
                         **{p.name: _field(p, required=True) for p in PARAMETERS})


class SourceOut(Schema):
    key: str
    title: str
    outlet: str
    published: str = Field(description="YYYY, YYYY-MM or YYYY-MM-DD; empty when undated.")
    url: str = Field(description="The original's address; may be empty.")
    locator: str
    read_at: str = Field("", description="Where we read a copy, when not the original.")
    retrieved: str = Field("", description="When we read it.")
    status: str = Field("", description="documented (a primary text, or a reliable outlet "
                                         "reporting first-hand) or reported.")
    kind: str = Field("", description="primary, press, research, company, reference or "
                                      "commentary: a primary text documents a value alone.")
    language: str = Field("", description="The language of the text read: en, zh, nl, de.")


class StepOut(Schema):
    rule: str
    label: str
    parameter: str
    delta: float | None
    detail: str
    status: Literal["documented", "reported", "illustrative"]
    note: str
    source: SourceOut | None
    second_source: SourceOut | None = None


class EffectOut(Schema):
    key: str
    kind: Literal["perk", "sanction", "consequence"]
    label: str
    detail: str
    status: Literal["documented", "reported", "illustrative"]
    note: str
    source: SourceOut | None
    second_source: SourceOut | None = None


class VerdictOut(Schema):
    kind: Literal["score", "grade", "list", "stars"]
    value: float | None
    label: str
    band: str
    status: Literal["documented", "reported", "illustrative"]
    note: str
    summary: str
    headline: str
    start: str
    total: str


class SystemResultOut(Schema):
    system: str
    name: str
    fiction: bool
    applies: bool
    why_not: str
    verdict: VerdictOut
    effects: list[EffectOut]
    trace: list[StepOut]
    sees: list[str]
    cannot_see: list[str]
    why_not_short: str
    not_covered: str = Field("", description="Why the system does not cover the person: "
                                             "residence (lives elsewhere), consent (gave "
                                             "none), or empty when it applies. The verdict "
                                             "is then only what it would say if it did.")


class OutcomeOut(Schema):
    record: RecordOut  # type: ignore[valid-type]
    systems: list[SystemResultOut]
    rules_as_of: str = Field(description="The date of the release whose rules were used: the "
                                         "pinned one's, else the latest published.")
    release: int | None = Field(None, description="The number of that release (null only "
                                                  "for an editor previewing the draft).")


class ErrorsOut(Schema):
    errors: dict[str, str] = Field(description="Each bad parameter, with what is wrong.")


class RuleOut(Schema):
    system: str
    kind: Literal["rule", "band"]
    label: str
    condition: str
    value: str
    status: Literal["documented", "reported", "illustrative"]
    note: str
    source: SourceOut | None


class PilotOut(Schema):
    key: str
    city: str
    city_zh: str
    province: str
    latitude: float
    longitude: float
    kind: str
    started: int
    ended: int | None
    state: str
    summary: str
    sources: list[str]
    status: Literal["documented", "reported", "illustrative"] = "reported"
    checked: str = Field("", description="When an editor last checked it (YYYY-MM-DD).")
    system: str | None = Field(None, description="The key of its simulated points scheme, "
                                                 "if it has one.")


class SystemOut(Schema):
    key: str
    name: str
    kind: Literal["score", "list", "grade", "stars"]
    operator: str
    answer: str
    fiction: bool
    sees: list[str]
    residence: str | None = Field(None, description="For a points scheme: the `residence` "
                                                    "value of the people it covers.")
    place: str | None = Field(None, description="For a points scheme: the place it covers.")
    requires_consent: bool = False


class PersonaOut(Schema):
    key: str
    name: str
    summary: str
    record: RecordOut  # type: ignore[valid-type]
    query: str = Field(description="The record as a query string for simulate.")


class TimelineStepOut(Schema):
    key: str
    date: str = Field(description="YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source.")
    title: str
    text: str
    topic: str
    chapters: list[str] = Field(description="The chapters where the step matters.")
    status: Literal["documented", "reported"]
    source: SourceOut | None
    second_source: SourceOut | None = None
    checked: str


class MemorandumOut(Schema):
    key: str
    sector: str
    title: str
    document: str
    signed: str
    lead: str
    signatories: int | None
    signatories_text: str
    list: str
    restricts: str
    targets: Literal["people", "companies", "both"]
    status: Literal["documented", "reported"]
    source: SourceOut | None
    second_source: SourceOut | None = None
    checked: str
