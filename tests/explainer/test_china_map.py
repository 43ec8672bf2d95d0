"""Checks for the generated China base map (scripts/build_china_map.py)."""

from pathlib import Path
from xml.etree import ElementTree

from explainer.china_map import VIEWBOX_HEIGHT, VIEWBOX_WIDTH, project

ROOT = Path(__file__).resolve().parents[2]
FRAGMENT = ROOT / "templates" / "explainer" / "includes" / "china_map_paths.svg"
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


def test_fragment_parses_with_one_china_path():
    text = FRAGMENT.read_text(encoding="utf-8")
    assert "<svg" not in text
    assert "<?xml" not in text
    root = ElementTree.fromstring(f'<svg xmlns="http://www.w3.org/2000/svg">{text}</svg>')
    paths = root.findall(f"{SVG_NS}path")
    classes = [path.get("class") for path in paths]
    assert classes.count("map-china") == 1
    assert classes.count("map-land") == 1
    assert all(path.get("d") for path in paths)


def test_fragment_is_small():
    assert FRAGMENT.stat().st_size < 25 * 1024
