"""Preview images for shared links (OpenGraph, Twitter cards): a chapter's verdict strip for
the record in its address, or the site's own card. Drawn with Pillow, no browser needed."""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 56
# Light colours only: a card is shown on whatever background the sharing site has.
BG, FG, MUTED, LINE, ACCENT = "#fdfcfa", "#1d1d1f", "#5c5c66", "#d8d6d0", "#0b5cad"
# Each system's colour, as widget.css gives it in the light theme.
COLOURS = {"sesame": "#0f6e6e", "blacklists": "#a8231c", "nosedive": "#6b3fa0",
           "scheme-1": "#b04a00", "scheme-2": "#1d6b3a", "scheme-3": "#a8336b",
           "scheme-4": "#0b5cad", "scheme-5": "#6f6200", "scheme-6": "#7b5134"}
GLYPH_DEFS = Path(__file__).resolve().parents[2] / "templates/explainer/includes/glyph_defs.svg"
GLYPH = re.compile(r'prefix }}([a-z0-9-]+)"><(circle|rect|path) ([^>]*)/>')
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@lru_cache(maxsize=1)
def glyphs() -> dict[str, list[tuple[float, float]]]:
    """Each system's glyph as a polygon, read from the shapes the pages draw: a polygon
    path as its points, a rectangle as its corners. A curved shape is drawn as a circle."""
    found = {}
    for style, element, attributes in GLYPH.findall(GLYPH_DEFS.read_text(encoding="utf-8")):
        numbers = [float(n) for n in NUMBER.findall(attributes)]
        if element == "rect":
            x, y, w, h = numbers
            found[style] = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
        elif element == "path" and not re.search(r"[AHV]", attributes):
            found[style] = list(zip(numbers[::2], numbers[1::2], strict=True))
    return found


def glyph(draw: ImageDraw.ImageDraw, style: str, x: float, y: float, size: float = 1.1) -> None:
    colour = COLOURS.get(style, FG)
    points = glyphs().get(style)
    if points is None:  # Sesame's circle, and the curved shapes
        draw.ellipse((x - 8 * size, y - 8 * size, x + 8 * size, y + 8 * size), fill=colour)
    else:
        draw.polygon([(x + px * size, y + py * size) for px, py in points], fill=colour)


# The default font has no true minus, star or arrow: plain stand-ins, on the card only.
STAND_INS = str.maketrans({"\u2212": "-", "\u2605": "stars", "\u2192": "->", "\u2011": "-"})


@lru_cache(maxsize=8)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    # Pillow's own font (Aileron): the same on every machine, no system fonts needed.
    return ImageFont.load_default(size=size + (2 if bold else 0))


def fit(draw: ImageDraw.ImageDraw, text: str, size: int, width: int, lines: int = 2,
        bold: bool = False) -> list[str]:
    """Words wrapped into at most `lines` lines of `width` pixels, cut with an ellipsis."""
    words, out = str(text).translate(STAND_INS).split(), [""]
    for word in words:
        trial = f"{out[-1]} {word}".strip()
        if draw.textlength(trial, font=font(size, bold)) <= width or not out[-1]:
            out[-1] = trial
        elif len(out) < lines:
            out.append(word)
        else:
            while out[-1] and draw.textlength(out[-1] + "...", font=font(size, bold)) > width:
                out[-1] = out[-1][:-1]
            out[-1] += "..."
            break
    return out


def header(draw, title: str, kicker: str) -> int:
    draw.text((MARGIN, MARGIN - 8), kicker.translate(STAND_INS), fill=ACCENT, font=font(26))
    y = MARGIN + 30
    for line in fit(draw, title, 46, WIDTH - 2 * MARGIN, 2, bold=True):
        draw.text((MARGIN, y), line, fill=FG, font=font(46, bold=True))
        y += 58
    return y + 10


def footer(draw, site: str, address: str) -> None:
    draw.line((MARGIN, HEIGHT - 70, WIDTH - MARGIN, HEIGHT - 70), fill=LINE, width=2)
    draw.text((MARGIN, HEIGHT - 56), site.translate(STAND_INS), fill=FG, font=font(24))
    width = draw.textlength(address, font=font(22))
    draw.text((WIDTH - MARGIN - width, HEIGHT - 54), address, fill=MUTED, font=font(22))


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def strip_card(title: str, kicker: str, rows, site: str, address: str,
               illustrative_note: str = "") -> bytes:
    """A chapter's card: its title and one row per system (name, answer, and whether it
    covers the person), as the verdict strip shows them.

    `rows`: (name, answer, state, illustrative, style) with state "yes", "no" or "fiction";
    an illustrative value carries an asterisk, explained at the foot.
    """
    image = Image.new("RGB", (WIDTH, HEIGHT), BG)
    draw = ImageDraw.Draw(image)
    y = header(draw, title, kicker)
    rows = list(rows)[:7]
    pitch = min(52, (HEIGHT - 90 - y) // max(len(rows), 1))
    marked = False
    for name, answer, state, illustrative, style in rows:
        if illustrative:
            answer, marked = f"{answer} *", True
        glyph(draw, style, MARGIN + 6, y + 22)
        draw.text((MARGIN + 24, y + 6), fit(draw, name, 28, 420, 1)[0],
                  fill=FG if state != "no" else MUTED, font=font(28))
        draw.text((MARGIN + 470, y + 6), fit(draw, answer, 28, WIDTH - 2 * MARGIN - 470, 1)[0],
                  fill=FG if state != "no" else MUTED, font=font(28, bold=state != "no"))
        y += pitch
    if marked:
        draw.text((MARGIN, HEIGHT - 104), illustrative_note.translate(STAND_INS), fill=MUTED,
                  font=font(22))
    footer(draw, site, address)
    return png(image)


def text_card(title: str, kicker: str, lines: list[str], site: str, address: str) -> bytes:
    """Any other page's card: its title and a few lines about it."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BG)
    draw = ImageDraw.Draw(image)
    y = header(draw, title, kicker) + 10
    for line in lines[:5]:
        for part in fit(draw, line, 30, WIDTH - 2 * MARGIN, 2):
            draw.text((MARGIN, y), part, fill=FG, font=font(30))
            y += 42
        y += 10
    footer(draw, site, address)
    return png(image)
