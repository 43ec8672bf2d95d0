"""Shapes for the inline SVG charts: computed here, drawn by the templates."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from systems.record import PARAMETERS_BY_NAME

from .china_map import VIEWBOX_HEIGHT, VIEWBOX_WIDTH, project

# --- A system's bands (tiers, grades) as a scale --------------------------------------------
#
# A vertical ladder that reads at any width without scaling its text: the scale runs up
# the bar (best at the top), each cut-off is a tick with its number on the left, each band
# is named on the right (names and numbers nudged apart, with a short leader, where bands
# are thin). A cut-off no source documents is drawn dashed, in the muted colour; the
# legend under the chart says what that means. An open end (a band "≤ 599") has no number:
# the bar ends in a chevron.

CHART_WIDTH = 320  # viewBox units; drawn at most 24rem wide (chart.css), so about 1:1
BAR_X, BAR_W = 60, 30  # the bar
TICK_X = 50  # tick numbers end here
LABEL_X = 118  # band names start here
BAR_TOP, BAR_HEIGHT = 22, 240  # the scale's top and length
NAME_GAP, NUMBER_GAP = 19, 15  # least distance between two names, two numbers


def spread(wanted: list[float], gap: float, low: float, high: float) -> list[float]:
    """Positions as near as possible to `wanted` (ascending), at least `gap` apart, within
    [low, high]: runs that would overlap are set around the mean of what they want."""
    runs: list[list] = []  # [first index, count, mean wanted]
    for i, y in enumerate(wanted):
        runs.append([i, 1, y])
        while len(runs) > 1:
            prev, last = runs[-2], runs[-1]
            prev_end = place(prev, gap, low, high) + (prev[1] - 1) * gap
            if place(last, gap, low, high) - prev_end >= gap:
                break
            count = prev[1] + last[1]
            runs[-2:] = [[prev[0], count, (prev[2] * prev[1] + last[2] * last[1]) / count]]
    placed = []
    for run in runs:
        start = place(run, gap, low, high)
        placed += [round(start + k * gap, 1) for k in range(run[1])]
    return placed


def place(run, gap, low, high) -> float:
    """Where a run of labels starts: centred on its mean, kept within bounds."""
    first, count, mean = run
    start = mean - (count - 1) * gap / 2
    return min(max(start, low), max(high - (count - 1) * gap, low))


@dataclass(frozen=True)
class BandRect:
    label: str
    range: str
    status: str
    note: str
    key: str  # the band's row, for its earlier values
    y: float  # the band on the bar
    height: float
    shade: float  # fill opacity: low bands pale, high bands strong
    label_y: float  # the baseline of its name
    leader: str  # SVG path from the band to its name


@dataclass(frozen=True)
class Tick:
    value: int
    y: float  # on the bar
    text_y: float  # the number's baseline
    illustrative: bool  # a cut-off no source documents
    leader: str  # from the tick to a nudged number; empty when it sits level


class BandChart(list):
    """The bands (as a list, top of the scale first) with the chart's axis."""

    width = CHART_WIDTH
    bar_x, bar_w, tick_x, label_x = BAR_X, BAR_W, TICK_X, LABEL_X
    bar_top, bar_bottom = BAR_TOP, BAR_TOP + BAR_HEIGHT
    height = BAR_TOP + BAR_HEIGHT + 22

    def __init__(self, bands, ticks, open_top: str, open_bottom: str):
        super().__init__(bands)
        self.ticks, self.open_top, self.open_bottom = ticks, open_top, open_bottom


def band_chart(bands, scale) -> BandChart:
    """Bands as a vertical scale, best at the top; open ends run to the scale's edge."""
    low, high = scale
    span = high - low

    def y(value: float) -> float:
        return round(BAR_TOP + (high - value) / span * BAR_HEIGHT, 1)

    rows = []
    for band in bands:
        start = low if band.low is None else band.low
        end = high if band.high is None else band.high + 1
        rows.append((band, y(end), y(start)))
    rows.sort(key=lambda row: row[1])  # top of the scale first
    n = len(rows)
    mids = [(top + bottom) / 2 for _band, top, bottom in rows]
    names = spread([m + 5 for m in mids], NAME_GAP, BAR_TOP + 6, BAR_TOP + BAR_HEIGHT + 10)
    rects = []
    for i, ((band, top, bottom), mid, name_y) in enumerate(zip(rows, mids, names, strict=True)):
        rects.append(BandRect(
            band.label, band.range_text, band.status, band.note, band.key,
            round(top + 1, 1), round(max(bottom - top - 2, 1.5), 1),
            round(0.22 + 0.63 * (n - 1 - i) / max(n - 1, 1), 2), name_y,
            leader(BAR_X + BAR_W + 3, mid, LABEL_X - 5, name_y - 5)))
    # Cut-offs between neighbours, and the scale's ends where a band closes them.
    cuts = []
    for (upper, _top, _bottom), (lower, _t, _b) in zip(rows, rows[1:], strict=False):
        value = upper.low if upper.low is not None else lower.high + 1
        cuts.append((value, y(value), "illustrative" in (upper.status, lower.status)))
    top_band, bottom_band = rows[0][0], rows[-1][0]
    if top_band.high is not None:
        cuts.insert(0, (top_band.high, BAR_TOP, False))
    if bottom_band.low is not None:
        cuts.append((bottom_band.low, BAR_TOP + BAR_HEIGHT, False))
    numbers = spread([c[1] + 4 for c in cuts], NUMBER_GAP, BAR_TOP - 8, BAR_TOP + BAR_HEIGHT + 12)
    ticks = [Tick(value, at, text_y, dashed,
                  "" if abs(text_y - 4 - at) < 1 else leader(TICK_X + 1, text_y - 4, BAR_X - 2, at))
             for (value, at, dashed), text_y in zip(cuts, numbers, strict=True)]
    chevron = "M {0} {1} L {2} {3} L {4} {1}"
    mid_x, r = BAR_X + BAR_W / 2, BAR_W / 2
    open_top = "" if top_band.high is not None else chevron.format(
        BAR_X, BAR_TOP - 2, mid_x, BAR_TOP - 2 - r * 0.8, BAR_X + BAR_W)
    bottom = BAR_TOP + BAR_HEIGHT
    open_bottom = "" if bottom_band.low is not None else chevron.format(
        BAR_X, bottom + 2, mid_x, bottom + 2 + r * 0.8, BAR_X + BAR_W)
    return BandChart(rects, ticks, open_top, open_bottom)


def leader(x1: float, y1: float, x2: float, y2: float) -> str:
    """A short line from a band (or tick) to its nudged label: level, then slanting."""
    if abs(y1 - y2) < 1:
        return f"M {x1} {round(y1, 1)} H {x2}"
    bend = x1 + 6 if x1 < x2 else x1 - 6
    return f"M {x1} {round(y1, 1)} H {bend} L {x2} {round(y2, 1)}"


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
        """The share in the reader's language and number style (German writes "34 %")."""
        high = number_format(self.high)
        if self.low == self.high:
            return (_("about %(percent)s%%") if self.approximate else _("%(percent)s%%")) % {
                "percent": high}
        if self.low == 0:
            return _("at most %(percent)s%%") % {"percent": high}
        return _("%(low)s–%(high)s%%") % {"low": number_format(self.low), "high": high}


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
    # Taobao belongs to Alibaba; Alipay and Huabei to Ant: one holder, named for both.
    ("ant", gettext_lazy("Alibaba and Ant: shops, Alipay"),
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
    def text_x(self) -> int:
        """Where the label starts: after the system's glyph, if it has one."""
        return self.x + (26 if self.style else 8)

    @property
    def lines(self) -> list[tuple[str, int]]:
        """(text, baseline y) for each line of the label, centred in the box."""
        lines = wrap(self.label, 14 if self.style else 16)
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
    for holder, (key, _label, params) in zip(holders, HOLDERS, strict=True):
        for result in outcome.results:
            carried = params
            if result.fiction:
                # In the story strangers rate everything they see: one line, from them.
                carried = [p for _k, _l, group in HOLDERS for p in group] if key == "people" \
                    else ()
            seen = [p for p in carried if p in result.sees]
            if seen:
                # The words name what this record holds, when it holds anything.
                held = [p for p in seen if p in changed] or seen
                words = ", ".join(str(PARAMETERS_BY_NAME[p].label).lower() for p in held)
                # A flow is highlighted only into a system that covers the person: a
                # pilot of a city they do not live in receives nothing about them.
                lines.append(Line(LEFT_X + NODE_W, holder.cy, RIGHT_X, by_key[result.system].cy,
                                  bool(changed & set(seen)) and result.applies,
                                  f"{holder.label} → {result.name}: {words}"))
    # A holder whose line is highlighted is too (strangers pass on a jaywalk, in the story).
    holders = [replace(h, active=h.active or any(line.active and line.y1 == h.cy
                                                 for line in lines)) for h in holders]
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
            "styles": {node.style for node in systems if node.style},
            "height": state.y + NODE_H + 4, "node_w": NODE_W, "node_h": NODE_H,
            "head_y": TOP - 14, "described": described}


# --- The pilot map (misconception 3) -----------------------------------------------------

MAP_SIZE = (VIEWBOX_WIDTH, VIEWBOX_HEIGHT)
# Markers are drawn about 24 px across at any width (see map.css); on the narrowest
# phone a 24 px marker spans this many map units, so markers are kept this far apart and
# joined to their true place by a short leader line.
MARKER_SPACING = 66
# Markers and their labels are drawn in "marker units", scaled by map.css (--mk) so that
# they keep about the same size on screen whatever the map's width; on a phone the scale
# is at its largest, so labels are placed for that scale and fit at every other.
PHONE_SCALE = 3.3
HIT_RADIUS = 10  # a marker's tap target, in marker units
LABEL_FONT = 8.4  # in marker units: about 11.5 px on a 360 px phone
CHAR_WIDTH = 0.64  # of the font size: DejaVu Sans, the widest usual sans-serif, is 0.62
# The places the chapter names are labelled: the points schemes (the simulated ones among
# them) and the card; the other kinds are told apart by their marker, named in the table.
LABELLED_KINDS = ("points", "card")


@dataclass(frozen=True)
class Label:
    text: str
    x: float  # where the text starts (anchor), in marker units from the marker
    y: float  # its baseline
    anchor: str  # start, middle or end
    leader: str = ""  # a line from the marker to a label set further out (marker units)

    @property
    def at(self) -> str:
        """The text's attributes, short: the map's markup counts in embeds' weight."""
        anchor = "" if self.anchor == "start" else f' text-anchor="{self.anchor}"'
        return f'x="{self.x:g}" y="{self.y:g}"{anchor}'


@dataclass(frozen=True)
class Marker:
    pilot: object
    x: float  # where the marker sits
    y: float
    true_x: float  # where the pilot is
    true_y: float
    label: Label | None = None  # its visible name, where the map names it

    @property
    def moved(self) -> bool:
        return (self.x, self.y) != (self.true_x, self.true_y)


def short_name(city: str) -> str:
    """A map label: "Suining County" → "Suining", "Jiangxi (provincial court)" → "Jiangxi"."""
    words = city.split(" (")[0].split()
    while len(words) > 1 and words[-1].lower() in ("county", "villages", "city", "district"):
        words.pop()
    return " ".join(words)


def label_box(label: Label, mx: float, my: float,
              scale: float = PHONE_SCALE) -> tuple[float, float, float, float]:
    """The label's box on the map, at the phone scale: (left, top, right, bottom)."""
    width = len(label.text) * CHAR_WIDTH * LABEL_FONT + 1
    left = {"start": label.x, "middle": label.x - width / 2, "end": label.x - width}[label.anchor]
    k = scale
    return (mx + left * k, my + (label.y - 0.78 * LABEL_FONT) * k,
            mx + (left + width) * k, my + (label.y + 0.22 * LABEL_FONT) * k)


def candidates(text: str):
    """Places for a label around its marker, nearest and most readable first: beside it,
    above and below, at the corners, then further out (all round) with a leader line."""
    r, f = HIT_RADIUS + 1.5, LABEL_FONT
    mid = 0.28 * f  # the baseline that centres the text on the marker
    near = [("start", r, mid), ("end", -r, mid), ("middle", 0, -r - 0.22 * f),
            ("middle", 0, r + 0.78 * f), ("start", r * 0.75, -r * 0.75),
            ("end", -r * 0.75, -r * 0.75), ("start", r * 0.75, r * 0.75 + 0.6 * f),
            ("end", -r * 0.75, r * 0.75 + 0.6 * f)]
    for anchor, x, y in near:
        yield Label(text, round(x), round(y), anchor)
    for extra in (6, 12, 19, 27, 36, 46):
        d = r + extra
        for degrees in range(0, 360, 20):
            dx, dy = math.cos(math.radians(degrees)) * d, math.sin(math.radians(degrees)) * d
            natural = "start" if dx > 3 else "end" if dx < -3 else "middle"
            y = dy + (mid if abs(dy) < 3 else 0.78 * f if dy > 0 else -0.22 * f)
            for anchor in dict.fromkeys((natural, "middle", "end" if dx > 0 else "start")):
                label = Label(text, round(dx), round(y), anchor)
                left, top, right, bottom = label_box(label, 0, 0, scale=1)
                nx, ny = min(max(0, left), right), min(max(0, top), bottom)
                dist = math.hypot(nx, ny)
                if dist < HIT_RADIUS + 2:  # the label would cover its own marker
                    continue
                end = (dist - 1.5) / dist
                start = (round(nx / dist * HIT_RADIUS), round(ny / dist * HIT_RADIUS))
                leader = f"M{start[0]} {start[1]}L{round(nx * end)} {round(ny * end)}"
                yield Label(text, label.x, label.y, anchor, leader)


def overlaps(a, b, pad: float = 4) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def circle_hits(box, cx, cy, radius) -> bool:
    nx, ny = min(max(cx, box[0]), box[2]), min(max(cy, box[1]), box[3])
    return math.hypot(nx - cx, ny - cy) < radius


def crosses(p1, p2, q1, q2) -> bool:
    """Whether two segments cross."""
    def side(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (side(p1, p2, q1) * side(p1, p2, q2) < 0) and (side(q1, q2, p1) * side(q1, q2, p2) < 0)


def segment_hits_box(p1, p2, box) -> bool:
    if all(box[0] <= p[0] <= box[2] and box[1] <= p[1] <= box[3] for p in (p1, p2)):
        return True
    corners = [(box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3])]
    return any(crosses(p1, p2, corners[i], corners[(i + 1) % 4]) for i in range(4))


def segment_hits_circle(p1, p2, c, radius) -> bool:
    (x1, y1), (x2, y2) = p1, p2
    dx, dy = x2 - x1, y2 - y1
    t = max(0.0, min(1.0, ((c[0] - x1) * dx + (c[1] - y1) * dy) / ((dx * dx + dy * dy) or 1)))
    return math.hypot(x1 + t * dx - c[0], y1 + t * dy - c[1]) < radius


def leader_ends(label: Label, mx: float, my: float):
    numbers = [float(n) for n in label.leader.replace("M", "").replace("L", " ").split()]
    k = PHONE_SCALE
    return ((mx + numbers[0] * k, my + numbers[1] * k), (mx + numbers[2] * k, my + numbers[3] * k))


MARKER_RADIUS = 9  # a marker's drawn shape, in marker units: labels keep clear of it


@lru_cache(maxsize=16)
def place_labels(spots: tuple, wanted: tuple, links: tuple) -> dict:
    """A label for each wanted marker (key, text), clear of every marker, every other label
    and leader, and the map's edges, at the phone scale. `spots`: every marker (key, x, y);
    `links`: the lines from moved markers to their true place. The most crowded are placed
    first, each at its nearest clear place; where that leaves a later one no room, an
    earlier one tries its next place (a bounded search; the best found is kept)."""
    where = {key: (x, y) for key, x, y in spots}
    clearance = MARKER_RADIUS * PHONE_SCALE + 2
    fixed = [((a, b), (c, d)) for a, b, c, d in links]

    def crowd(item):
        x, y = where[item[0]]
        return -sum(math.hypot(x - ox, y - oy) < 200 for ox, oy in where.values()), item[0]

    order = sorted(wanted, key=crowd)
    options = []  # per label, its places clear of the markers, the edges and the links
    for key, text in order:
        mx, my = where[key]
        others = [spot for other, spot in where.items() if other != key]
        found = []
        for label in candidates(text):
            box = label_box(label, mx, my)
            if not (box[0] >= 2 and box[1] >= 2 and box[2] <= VIEWBOX_WIDTH - 2
                    and box[3] <= VIEWBOX_HEIGHT - 2):
                continue
            if any(circle_hits(box, ox, oy, clearance) for ox, oy in where.values()):
                continue
            if any(segment_hits_box(p, q, box) for p, q in fixed):
                continue
            line = leader_ends(label, mx, my) if label.leader else None
            if line and (any(segment_hits_circle(*line, spot, clearance - 6) for spot in others)
                         or any(crosses(*line, *seg) for seg in fixed)):
                continue
            found.append((label, box, line))
        options.append(found or [(next(candidates(text)),
                                  label_box(next(candidates(text)), mx, my), None)])

    def clear_of(choice, other) -> bool:
        _label, box, line = choice
        _other, other_box, other_line = other
        if overlaps(box, other_box, 2):
            return False
        if other_line and segment_hits_box(*other_line, box):
            return False
        return not (line and (segment_hits_box(*line, other_box)
                              or (other_line and crosses(*line, *other_line))))

    # The search asks about the same two places again and again, on every branch that
    # holds both: each pair is worked out once (the first visit to the points chapter
    # took about a second of geometry, every worker at once).
    clear: dict[tuple[int, int], bool] = {}

    def fits(choice, chosen) -> bool:
        for other in chosen:
            pair = (id(choice), id(other))
            found = clear.get(pair)
            if found is None:
                found = clear[pair] = clear_of(choice, other)
            if not found:
                return False
        return True

    # Each place's cost: how far out it sits (a leader is worse than a neighbour).
    def cost(choice) -> float:
        label = choice[0]
        return 0.0 if not label.leader else 10 + math.hypot(label.x, label.y)

    best: list = []
    best_cost = [math.inf]
    budget = [30000]

    def search(chosen: list, spent: float) -> None:
        nonlocal best
        if len(chosen) > len(best) or (len(chosen) == len(order) and spent < best_cost[0]):
            best = list(chosen)
            if len(chosen) == len(order):
                best_cost[0] = spent
        if len(chosen) == len(order) or budget[0] <= 0:
            return
        budget[0] -= 1
        tried = 0
        for choice in options[len(chosen)]:
            more = spent + cost(choice)
            if more >= best_cost[0]:
                break  # the places come nearest first: none further on is cheaper
            if fits(choice, chosen):
                chosen.append(choice)
                search(chosen, more)
                chosen.pop()
                tried += 1
                if tried >= 6:
                    break

    search([], 0.0)
    placed = list(best)
    for found in options[len(placed):]:  # no room found: its first clear place, or beside it
        placed.append(next((c for c in found if fits(c, placed)), found[0]))
    return {key: choice[0] for (key, _text), choice in zip(order, placed, strict=True)}


def markers(pilots) -> list[Marker]:
    """Markers for the pilots, nudged apart until none overlaps another, each of the places
    the chapter names with a label beside it. Nudging depends on the order, so it runs in
    one fixed order (by key): the map is the same however the table beside it is sorted."""
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
    where = {p.key: (round(x, 1), round(y, 1)) for p, (x, y) in zip(pilots, placed, strict=True)}
    links = tuple((tx, ty, *where[p.key]) for p, (tx, ty) in zip(pilots, true, strict=True)
                  if (tx, ty) != where[p.key])
    labels = place_labels(tuple((k, *xy) for k, xy in where.items()),
                          tuple((p.key, short_name(p.city)) for p in pilots
                                if p.kind in LABELLED_KINDS), links)
    at = {p.key: Marker(p, *where[p.key], tx, ty, labels.get(p.key))
          for p, (tx, ty) in zip(pilots, true, strict=True)}
    return [at[p.key] for p in shown_order]
