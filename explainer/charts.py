"""Shapes for the inline SVG charts: computed here, drawn by the templates."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    key: str = ""  # the band's row, for its earlier values


def band_chart(bands, scale) -> list[BandRect]:
    """Bands as rectangles along the scale; open ends run to the chart's edge."""
    low, high = scale
    span = high - low
    rects = []
    for band in bands:
        start = low if band.low is None else band.low
        end = high if band.high is None else band.high + 1
        width = round((end - start) / span * CHART_WIDTH, 1)
        rects.append(BandRect(band.label, width >= 64,
                              round((start - low) / span * CHART_WIDTH, 1), width, band.range_text,
                              band.status, band.note, band.key))
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


# --- A system's scale, in words (the systems table) ---------------------------------------


def scale_text(system, described: dict) -> str:
    if system.kind == "list":
        return _("Listed or not listed; no score")
    if system.kind == "grade":
        labels = [b.label for b in described["bands"]]
        return _("Starts at %(start)s points; grades %(low)s to %(high)s") % {
            "start": described.get("start", ""), "low": labels[0], "high": labels[-1]}
    low, high = described["scale"]
    if system.kind == "stars":
        return _("%(low)s to %(high)s stars") % {"low": low, "high": high}
    return _("%(low)s to %(high)s points") % {"low": low, "high": high}


# --- The data-flow diagram (misconception 2) -------------------------------------------
#
# A vertical layout that reads on a 360 px phone: who holds the data on the left, the
# systems on the right, the state underneath. Flows between systems and the state are
# numbered; the legend under the figure says what each is, with its source.

# Who holds each part of a person's record. Presentation only: which system receives it
# is data (systems.Feed), drawn as the lines. Ant comes last, above the central bank.
HOLDERS = (
    ("courts", gettext_lazy("Courts"), ("court_judgment",)),
    ("banks", gettext_lazy("Banks and lenders"), ("loan_arrears",)),
    ("police", gettext_lazy("Traffic police"), ("traffic_tickets", "drunk_driving", "jaywalking")),
    ("travel", gettext_lazy("Airlines and tourism"), ("flight_disruption",)),
    ("local", gettext_lazy("Local government"),
     ("volunteering", "blood_donation", "heroic_deed", "commendation", "neglects_parents",
      "counterfeits", "residence", "opted_in")),
    ("people", gettext_lazy("People they meet"), ("rude_to_strangers",)),
    # Taobao belongs to Alibaba, Alipay and Huabei to Ant: one holder, named for both.
    ("ant", gettext_lazy("Alibaba and Ant: Taobao, Alipay, Huabei"),
     ("late_bills", "shopping", "profile", "assets", "contacts")),
)
# The flows the chapter is about, each with the source that documents it (or, for the
# dashed one, the company statement that denies it).
FLOW_SOURCES = {"court-list": "chinadaily-2015-virtual", "joint": "spc-monitor-2016-mou",
                "huabei": "shanghaidaily-2021-huabei", "none": "fintechnexus-sesame"}
NODE_W, NODE_H, LINE_H = 140, 40, 16
LEFT_X, RIGHT_X = 2, 196
TOP, HOLDER_PITCH = 34, 48
LANE_1, LANE_2 = RIGHT_X + NODE_W + 12, RIGHT_X + NODE_W + 26
FLOW_WIDTH = LANE_2 + 8


def wrap(text: str, width: int = 16) -> list[str]:
    """A node label on at most two lines."""
    words, lines = str(text).split(), [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width and len(lines) < 2:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    return lines


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    x: int
    y: int
    active: bool
    style: str = ""  # a system's colour and glyph class (sys-<style>)

    @property
    def cy(self):
        return self.y + NODE_H // 2

    @property
    def lines(self) -> list[tuple[str, int]]:
        """(text, baseline y) for each line of the label, centred in the box."""
        lines = wrap(self.label)
        first = self.cy + 5 - (len(lines) - 1) * LINE_H // 2
        return [(line, first + i * LINE_H) for i, line in enumerate(lines)]


@dataclass(frozen=True)
class Line:
    x1: int
    y1: int
    x2: int
    y2: int
    active: bool
    label: str


@dataclass(frozen=True)
class Flow:
    """One of the numbered flows between systems and the state."""

    number: int
    key: str
    d: str  # SVG path
    active: bool
    documented: bool
    text: str  # what the legend says
    badge: tuple[int, int]
    source: str  # Source key


def data_flow(outcome, styles: dict | None = None) -> dict:
    """Holders, systems and the state, with a line wherever data flows.

    A line is active (highlighted) when this record has something non-default in the data
    it carries.
    """
    changed = set(outcome.record.changes())
    holders = [Node(key, label, LEFT_X, TOP + i * HOLDER_PITCH, bool(changed & set(params)))
               for i, (key, label, params) in enumerate(HOLDERS)]
    last = holders[-1].y
    pitch = (last - TOP) // max(len(outcome.results) - 1, 1)
    styles = styles or {}
    systems = [Node(r.system, r.name, RIGHT_X, TOP + i * pitch, False,
                    styles.get(r.system, ""))
               for i, r in enumerate(outcome.results)]
    by_key = {n.key: n for n in systems}
    lines = []
    for holder, (_key, _label, params) in zip(holders, HOLDERS, strict=True):
        for result in outcome.results:
            seen = [p for p in params if p in result.sees]
            if seen:
                words = ", ".join(str(PARAMETERS_BY_NAME[p].label).lower() for p in seen)
                # A flow is highlighted only into a system that covers the person: a
                # pilot of a city they do not live in receives nothing about them.
                lines.append(Line(LEFT_X + NODE_W, holder.cy, RIGHT_X, by_key[result.system].cy,
                                  bool(changed & set(seen)) and result.applies,
                                  f"{holder.label} → {result.name}: {words}"))
    listed = bool(outcome["blacklists"].verdict.band)
    sesame, blacklists = by_key["sesame"], by_key["blacklists"]
    state_y = last + NODE_H + 40
    bank = Node("credit-reference-center", _("Central bank credit reference"),
                LEFT_X, state_y, False)
    state = Node("state", _("State bodies (44 share sanctions)"), RIGHT_X, state_y, listed)
    right = RIGHT_X + NODE_W
    mid = RIGHT_X + NODE_W // 2
    ant = holders[-1]
    flows = [
        Flow(1, "court-list", f"M {mid} {blacklists.y} V {sesame.y + NODE_H + 2}",
             any(step.parameter == "court_judgment" for step in outcome["sesame"].trace), True,
             _("The court's defaulter list feeds Sesame Credit, which lowers listed people's "
               "scores (since July 2015)."), (mid + 14, (blacklists.y + sesame.y + NODE_H) // 2),
             FLOW_SOURCES["court-list"]),
        Flow(2, "joint", f"M {right} {blacklists.cy} H {LANE_1} V {state.cy + 6} H {right + 2}",
             listed, True,
             _("Joint punishment: 44 state bodies each apply their own sanctions to people on "
               "the court's list."), (LANE_1, (blacklists.cy + state.cy) // 2),
             FLOW_SOURCES["joint"]),
        Flow(3, "huabei", f"M {LEFT_X + NODE_W // 2} {ant.y + NODE_H} V {bank.y - 2}",
             False, True,
             _("Huabei repayment data, since 2021: Ant's consumer-credit service reports "
               "each user's credit line and repayments to the central bank every month, "
               "whatever else is in their record."),
             (LEFT_X + NODE_W // 2 + 14, ant.y + NODE_H + 20),
             FLOW_SOURCES["huabei"]),
        Flow(4, "none", f"M {right} {sesame.cy} H {LANE_2} V {state.cy - 6} H {right + 2}",
             False, False,
             _("No documented bulk flow of Sesame scores or raw data: no source we found "
               "shows one, and Sesame says it shares neither without the user's consent."),
             (LANE_2, sesame.cy + 36), FLOW_SOURCES["none"]),
    ]
    # Sentences, each ending once: the text alternative reads them one after another.
    described = [f"{line.label}." for line in lines if line.active]
    described += [str(flow.text) for flow in flows if flow.active]
    return {"holders": holders, "systems": systems, "lines": lines, "bank": bank,
            "state": state, "flows": flows, "width": FLOW_WIDTH,
            "height": state.y + NODE_H + 4, "node_w": NODE_W, "node_h": NODE_H,
            "head_y": TOP - 14, "described": described}


# --- The pilot map (misconception 3) -----------------------------------------------------

MAP_SIZE = (VIEWBOX_WIDTH, VIEWBOX_HEIGHT)
# Markers are drawn about 24 px across at any width (see widget.css); on the narrowest
# phone a 24 px marker spans this many map units, so markers are kept this far apart and
# joined to their true place by a short leader line.
MARKER_SPACING = 66


@dataclass(frozen=True)
class Marker:
    pilot: object
    x: float  # where the marker sits
    y: float
    true_x: float  # where the pilot is
    true_y: float

    @property
    def moved(self) -> bool:
        return (self.x, self.y) != (self.true_x, self.true_y)


def markers(pilots) -> list[Marker]:
    """Markers for the pilots, nudged apart until none overlaps another. Nudging depends on
    the order, so it runs in one fixed order (by key): the map is the same however the
    table beside it is sorted."""
    shown_order = list(pilots)
    pilots = sorted(shown_order, key=lambda p: p.key)
    true = [project(float(p.longitude), float(p.latitude)) for p in pilots]
    placed = [list(point) for point in true]
    for _round in range(300):
        moved = False
        for i in range(len(placed)):
            for j in range(i + 1, len(placed)):
                dx = placed[j][0] - placed[i][0]
                dy = placed[j][1] - placed[i][1]
                distance = math.hypot(dx, dy)
                if distance >= MARKER_SPACING:
                    continue
                if distance == 0:
                    dx, dy, distance = 1.0, 0.0, 1.0
                push = (MARKER_SPACING - distance) / 2 + 0.5
                for k, sign in ((i, -1), (j, 1)):
                    placed[k][0] += sign * push * dx / distance
                    placed[k][1] += sign * push * dy / distance
                moved = True
        for point in placed:
            point[0] = min(max(point[0], 30), VIEWBOX_WIDTH - 30)
            point[1] = min(max(point[1], 30), VIEWBOX_HEIGHT - 30)
        if not moved:
            break
    at = {p.key: Marker(p, round(x, 1), round(y, 1), tx, ty)
          for p, (x, y), (tx, ty) in zip(pilots, placed, true, strict=True)}
    return [at[p.key] for p in shown_order]
