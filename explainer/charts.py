"""Shapes for the inline SVG charts: computed here, drawn by the templates."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from systems.record import PARAMETERS_BY_NAME

from .china_map import VIEWBOX_HEIGHT, VIEWBOX_WIDTH, project

CHART_WIDTH = 600


@dataclass(frozen=True)
class BandRect:
    label: str
    labelled: bool  # wide enough to carry its own label
    x: float
    width: float
    range: str
    status: str
    note: str


def band_chart(bands, scale) -> list[BandRect]:
    """Bands as rectangles along the scale; open ends run to the chart's edge."""
    low, high = scale
    span = high - low
    rects = []
    for band in bands:
        start = low if band.low is None else band.low
        end = high if band.high is None else band.high + 1
        if band.low is None:
            text = f"≤ {band.high}"
        elif band.high is None:
            text = f"≥ {band.low}"
        else:
            text = f"{band.low}–{band.high}"
        width = round((end - start) / span * CHART_WIDTH, 1)
        rects.append(BandRect(band.label, width >= 64,
                              round((start - low) / span * CHART_WIDTH, 1), width, text,
                              band.status, band.note))
    return rects


@dataclass(frozen=True)
class SurveyBar:
    key: str
    label: str
    low: int
    high: int
    approximate: bool
    source: str
    note: str

    @property
    def low_x(self) -> int:
        """Where the bar starts on a 0-100 axis: a range starts at its low end."""
        return self.low if self.low != self.high else 0

    @property
    def span(self) -> int:
        return max(self.high - self.low_x, 1)

    @property
    def text(self) -> str:
        if self.low == self.high:
            return f"{'about ' if self.approximate else ''}{self.high}%"
        if self.low == 0:
            return f"at most {self.high}%"
        return f"{self.low}–{self.high}%"


SURVEYS = Path(__file__).resolve().parent / "content" / "surveys.json"


@cache
def survey_bars() -> tuple[SurveyBar, ...]:
    rows = json.loads(SURVEYS.read_text(encoding="utf-8"))
    return tuple(SurveyBar(**row) for row in rows)


# --- The data-flow diagram (misconception 2) -------------------------------------------

# Who holds each part of a person's record. Presentation only: which system receives it
# is data (systems.Feed), drawn as the lines.
HOLDERS = (
    ("courts", "Courts", ("court_judgment",)),
    ("banks", "Banks", ("loan_arrears",)),
    ("ant", "Alipay and Taobao", ("late_bills", "shopping", "profile", "assets", "contacts")),
    ("police", "Traffic police", ("traffic_tickets", "drunk_driving", "jaywalking")),
    ("travel", "Airlines and tourism", ("flight_disruption",)),
    ("local", "Local government",
     ("volunteering", "blood_donation", "heroic_deed", "commendation", "neglects_parents",
      "counterfeits", "residence", "opted_in")),
    ("people", "People they meet", ("rude_to_strangers",)),
)
ROW = 46
LEFT_X, RIGHT_X, NODE_W, NODE_H = 8, 300, 178, 34
GUTTER = RIGHT_X + NODE_W


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    y: int
    active: bool
    x: int = 0

    @property
    def cy(self):
        return self.y + NODE_H // 2


@dataclass(frozen=True)
class Line:
    x1: int
    y1: int
    x2: int
    y2: int
    active: bool
    label: str


def data_flow(outcome) -> dict:
    """Holders on the left, systems on the right; a line wherever a system sees the data.

    A line is active when the record has something non-default in that data.
    """
    changed = set(outcome.record.changes())
    holders = [Node(key, label, 10 + i * ROW, bool(changed & set(params)), LEFT_X)
               for i, (key, label, params) in enumerate(HOLDERS)]
    systems = [Node(r.system, r.name, 10 + i * ROW + ROW, False, RIGHT_X)
               for i, r in enumerate(outcome.results)]
    by_key = {n.key: n for n in systems}
    lines = []
    for holder, (_key, _label, params) in zip(holders, HOLDERS, strict=True):
        for result in outcome.results:
            seen = [p for p in params if p in result.sees]
            if seen:
                active = bool(changed & set(seen))
                words = ", ".join(str(PARAMETERS_BY_NAME[p].label).lower() for p in seen)
                lines.append(Line(LEFT_X + NODE_W, holder.cy, RIGHT_X,
                                  by_key[result.system].cy, active,
                                  f"{holder.label} → {result.name}: {words}"))
    listed = outcome["blacklists"].verdict.label == "Listed"
    sesame_y, blacklists_y = by_key["sesame"].cy, by_key["blacklists"].cy
    state = Node("state", "44 state bodies", systems[-1].y + ROW + 16, listed, RIGHT_X)
    # Paths run in the gutter right of the systems column, clear of the other nodes.
    joint_x, none_x = GUTTER + 34, GUTTER + 150
    specials = [
        Path(f"M {GUTTER} {blacklists_y} C {GUTTER + 40} {blacklists_y}, {GUTTER + 40} "
             f"{sesame_y}, {GUTTER + 2} {sesame_y}",
             any(step.parameter == "court_judgment" for step in outcome["sesame"].trace),
             "flow-special",
             "The court's defaulter list feeds Sesame Credit (since July 2015)",
             GUTTER + 40, (sesame_y + blacklists_y) // 2 + 4, "court list"),
        Path(f"M {GUTTER} {blacklists_y + 8} H {joint_x} V {state.cy} H {GUTTER + 2}",
             listed, "flow-special",
             "Joint punishment: each of 44 bodies applies its own sanctions to listed debtors",
             joint_x + 6, state.cy - 24, "joint punishment"),
        Path(f"M {GUTTER} {sesame_y - 8} H {none_x} V {state.cy - 8} H {GUTTER + 2}",
             False, "flow-none", "No documented bulk flow from Sesame Credit to the state",
             none_x + 6, (sesame_y + state.cy) // 2, "no documented flow"),
    ]
    return {"holders": holders, "systems": systems, "lines": lines, "state": state,
            "specials": specials, "height": state.y + NODE_H + 12, "width": GUTTER + 290,
            "node_w": NODE_W}


@dataclass(frozen=True)
class Path:
    d: str
    active: bool
    css: str
    title: str
    label_x: int
    label_y: int
    label: str


# --- The pilot map (misconception 3) -----------------------------------------------------

MAP_SIZE = (VIEWBOX_WIDTH, VIEWBOX_HEIGHT)


def marker(pilot) -> tuple[float, float]:
    return project(float(pilot.longitude), float(pilot.latitude))
