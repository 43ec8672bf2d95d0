"""Checks for the generated China base map (scripts/build_china_map.py)."""

from pathlib import Path
from xml.etree import ElementTree

import pytest

from explainer.china_map import VIEWBOX_HEIGHT, VIEWBOX_WIDTH, project

ROOT = Path(__file__).resolve().parents[2]
SVG_NS = "{http://www.w3.org/2000/svg}"

BEIJING = (116.4, 39.9)
CHENGDU = (104.1, 30.7)
RONGCHENG = (122.4, 37.2)
URUMQI = (87.6, 43.8)


def test_beijing_inside_viewbox():
    x, y = project(*BEIJING)
    assert 0 <= x <= VIEWBOX_WIDTH
    assert 0 <= y <= VIEWBOX_HEIGHT


def test_beijing_is_north_east_of_chengdu():
    bx, by = project(*BEIJING)
    cx, cy = project(*CHENGDU)
    assert bx > cx  # east
    assert by < cy  # north (SVG y grows downwards)


def test_rongcheng_is_east_of_beijing():
    assert project(*RONGCHENG)[0] > project(*BEIJING)[0]


def test_urumqi_is_west_of_chengdu():
    assert project(*URUMQI)[0] < project(*CHENGDU)[0]


def test_project_rounds_to_one_decimal():
    x, y = project(*BEIJING)
    assert round(x, 1) == x
    assert round(y, 1) == y


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_each_base_map_is_a_small_standalone_svg_with_one_china_path(theme):
    path = ROOT / "static" / "explainer" / f"china-map-{theme}.svg"
    root = ElementTree.fromstring(path.read_text(encoding="utf-8"))
    assert root.get("viewBox") == f"0 0 {VIEWBOX_WIDTH} {VIEWBOX_HEIGHT}"
    paths = root.findall(f"{SVG_NS}path")
    assert len(paths) == 2 and all(p.get("d") and p.get("fill") for p in paths)
    assert path.stat().st_size < 25 * 1024
