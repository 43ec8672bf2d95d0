"""The comparison's repeated markup (strip rows, columns, effects, traces, chips), built
in Python.

Every control change renders the results again for a record the cache has not seen, so
this is the site's hottest markup: Django's template loops, includes and translate tags
cost about 1 ms per column here, string building a tenth of that (bench/load.py, "random
records"). The page structure stays in templates/explainer/misconception.html; this
module builds only what repeats, and keeps each system's strip row and column per engine
result (`built`). Every value is escaped through `esc`.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from hashlib import blake2s
from html import escape as _escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from explainer.links import source_url
from systems.record import PARAMETERS_BY_NAME, signed
from systems.translated import Fallback

# Each system's glyph (a shape, drawn by CSS per `sys-<style>` class) beside its name, so
# that a system is told apart by shape as well as colour wherever it appears.
GLYPH = '<span class="glyph" aria-hidden="true"></span>'


def esc(value) -> str:
    return _esc(str(value))


def text(value) -> str:
    """Escaped for element content: an untranslated label (English shown on a Dutch or
    German page) keeps its `lang="en"` mark."""
    return value.html() if isinstance(value, Fallback) else esc(value)


@lru_cache(maxsize=8192)
def _esc(text: str) -> str:
    """Escaped once: the same labels, notes and sources recur in every comparison."""
    return _escape(text, quote=True)


@lru_cache(maxsize=8)
def words(language: str) -> dict[str, str]:
    """Every fixed phrase of the panel, translated (and escaped) once per language."""
    phrases = {
        "illustrative": _("illustrative"), "reported": _("reported"), "fiction": _("Fiction"),
        "yes": _("Yes"), "no": _("No"), "applies": _("Applies?"), "start": _("Start"),
        "nothing": _("Nothing in this record moves this system."),
        "no_effects": _("No perks or sanctions."), "cannot_see": _("cannot see"),
        "ordinary": _("nothing out of the ordinary"), "sees": _("What it sees of this record:"),
        "sees_if": _("What it would see of this record if it covered them:"),
        "value": _("Illustrative value:"), "undocumented": _("Built on numbers no source "
                                                              "documents."),
        "sources": reverse("explainer:sources"),
        "as_default": _("as for anyone"), "not_covered": _("Not covered"),
        "elsewhere": _("lives elsewhere"),
        "no_consent": _("No score without consent"),
        "if:residence": _("If they lived there:"), "if:consent": _("If they opted in:"),
        "uncovered_effects": _("No perks or sanctions: this system does not cover them."),
    }
    found = {key: esc(value) for key, value in phrases.items()}
    found.update({f"param:{name}": esc(p.label) for name, p in PARAMETERS_BY_NAME.items()})
    return found


@lru_cache(maxsize=1024)
def note_id(note: str) -> str:
    """A popover's id, the same wherever the note appears: a system's column, built once,
    can then sit on any page beside any other."""
    return "why-" + blake2s(note.encode(), digest_size=5).hexdigest()


class Notes:
    """Why values are illustrative: one popover per distinct note, shared by every button
    that needs it (the same note can stand behind a dozen numbers)."""

    def __init__(self, w: dict[str, str], embed: bool = False, compact: bool = False):
        # In an embed, citations open our Sources page entry (which carries the original's
        # address): WordPress's sandbox lets a frame open links on its own host only.
        self.w, self.ids, self.embed, self.compact = w, {}, embed, compact

    def button(self, note: str, what: str = "") -> str:
        """The mark; `what` (the value it marks) names it apart from the page's others."""
        note = note or self.w["undocumented"]
        pop = self.ids.get(note) or self.ids.setdefault(note, note_id(note))
        label = (f' aria-label="{self.w["illustrative"]}: {esc(what)}"' if what else "")
        return (f'<button type="button" class="illustrative" popovertarget="{pop}"{label}>'
                f'{self.w["illustrative"]}</button>')

    def popovers(self) -> SafeString:
        return mark_safe("".join(
            f'<span class="popover" popover id="{pop}">{self.w["value"]} {text(note)}</span>'
            for note, pop in self.ids.items()))


def system_words(system) -> dict[str, str]:
    """A system's own phrases (who runs it, how it answers), escaped. (`built` keeps what
    uses them, so keeping these too bought nothing measurable.)"""
    return {"operator": esc(system.operator), "answer": esc(system.answer),
            "run_by": esc(_("Run by %(who)s") % {"who": system.operator})}


def source_link(source, notes: Notes) -> str:
    if source is None:
        return ""
    href = "" if notes.embed else source_url(source)
    href = esc(href) if href else f'{notes.w["sources"]}#source-{esc(source.key)}'
    date = f", {esc(source.published)}" if source.published else ""
    return f' <a class="cite" href="{href}">{esc(source.outlet)}{date}</a>'


def status_mark(status: str, note: str, notes: Notes, what: str = "") -> str:
    if status == "illustrative":
        return " " + notes.button(note, what)
    if status == "reported":
        return f' <span class="status-reported">{notes.w["reported"]}</span>'
    return ""


def uncovered_answer(r, w) -> str:
    """What a system that does not cover the person answers: that it does not, first."""
    if r.not_covered == "consent":
        return f'<strong class="not-covered">{w["no_consent"]}</strong>'
    if r.not_covered == "residence":
        return f'<strong class="not-covered">{w["not_covered"]}</strong>: {w["elsewhere"]}'
    return f'<strong class="not-covered">{w["not_covered"]}</strong>: {esc(r.why_not_short)}'


def hypothetical(r, notes: Notes) -> str:
    """The verdict it would give, as one small line ("If they lived there: 920 points · B")."""
    lead = notes.w.get(f"if:{r.not_covered}", notes.w["if:residence"])
    mark = (notes.button(r.verdict.note, r.verdict.headline)
            if r.verdict.status == "illustrative" else "")
    return f'<p class="if-covered"><small>{lead} {esc(r.verdict.headline)}</small> {mark}</p>'


def strip_row(r, system, notes: Notes) -> str:
    w = notes.w
    classes = f"strip-row sys-{system.style}" + ("" if r.applies else " is-inapplicable") + (
        " is-fiction" if r.fiction else "")
    band = (f" <small>{esc(r.verdict.band)}</small>"
            if r.verdict.kind == "score" and r.verdict.band else "")
    illustrative = (f' <small class="illus-mark">{w["illustrative"]}</small>'
                    if r.verdict.status == "illustrative" else "")
    answer = f"{esc(r.verdict.headline)}{band}{illustrative}"
    if not r.applies and not r.fiction:
        answer = uncovered_answer(r, w)
    if r.fiction:
        applies = w["fiction"]
    elif r.applies:
        applies = w["yes"]
    else:
        applies = w["no"]
    value = "" if r.verdict.value is None or r.verdict.kind == "list" else f"{r.verdict.value:g}"
    covered = 1 if r.applies or r.fiction else 0
    stay = ' target="_self"' if notes.embed else ""  # an in-page link stays in the frame
    # Who runs it and how it answers; a compact embed leaves that to the system's detail.
    sw = system_words(system)
    who = "" if notes.compact else f"<small>{sw['operator']} · {sw['answer']}</small>"
    return (f'<tr role="row" class="{classes}" data-system="{r.system}" data-name="{esc(r.name)}"'
            f' data-summary="{esc(r.verdict.summary)}" data-value="{value}"'
            f' data-applies="{covered}"><th scope="row" role="rowheader">'
            f'{GLYPH}<a href="#col-{r.system}"{stay}>{esc(r.name)}</a>'
            f'{who}</th>'
            f'<td role="cell" class="strip-verdict">{answer}</td><td role="cell" '
            f'class="strip-applies"><span class="strip-label">{w["applies"]} </span>{applies}'
            "</td></tr>")


def glance_rows(results, systems, w, baseline=None) -> SafeString:
    """A persona's verdicts as short rows (a chapter's opening, before the evidence): who
    runs each system and its answer, not covered ones saying so first, and the answers that
    are the same as for anyone marked so (`baseline`: the outcome of the empty record)."""
    same = {r.system for r in (baseline.results if baseline else ())}
    rows = []
    for r in results:
        system = systems[r.system]
        if not r.applies and not r.fiction:
            answer = uncovered_answer(r, w)
        else:
            answer = esc(r.verdict.headline) + (f' <small>{w["fiction"]}</small>'
                                                 if r.fiction else "")
            if r.verdict.status == "illustrative":  # as the strip marks it
                answer += f' <small class="illus-mark">{w["illustrative"]}</small>'
            if r.system in same and baseline[r.system].verdict.headline == r.verdict.headline:
                answer += f' <small class="as-default">{w["as_default"]}</small>'
        rows.append(f'<tr class="glance-row sys-{system.style}'
                    f'{"" if r.applies else " is-inapplicable"}'
                    f'{" is-fiction" if r.fiction else ""}" data-glance="{r.system}">'
                    f'<th scope="row">{GLYPH}{esc(r.name)}'
                    f'<small>{esc(system.operator)}</small></th>'
                    f'<td class="glance-verdict">{answer}</td></tr>')
    return mark_safe("".join(rows))


def effect_item(e, notes: Notes) -> str:
    detail = f" <small>{text(e.detail)}</small>" if e.detail else ""
    return (f'<li class="effect effect-{esc(e.kind)}">{text(e.label)}{detail}'
            f"{status_mark(e.status, e.note, notes, e.label)}{source_link(e.source, notes)}"
            f"{source_link(e.second_source, notes)}</li>")


def effects(r, notes: Notes) -> str:
    if not r.effects:
        return f'<p class="no-effects">{notes.w["no_effects"]}</p>'
    html = f'<ul class="effects">{"".join(effect_item(e, notes) for e in r.effects[:3])}</ul>'
    rest = r.effects[3:]
    if rest:
        more = esc(ngettext("%(n)s more", "%(n)s more", len(rest)) % {"n": len(rest)})
        items = "".join(effect_item(e, notes) for e in rest)
        html += (f'<details class="more-effects"><summary>{more}</summary>'
                 f'<ul class="effects">{items}</ul></details>')
    return html


def trace(r, notes: Notes, embed) -> str:
    w, items = notes.w, []
    if r.verdict.start:
        items.append(f'<li class="trace-start"><span class="delta">{w["start"]}</span> '
                     f"{esc(r.verdict.start)}</li>")
    for s in r.trace:
        delta = signed(s.delta) if s.delta is not None else "•"
        detail = f" <small>{text(s.detail)}</small>" if s.detail else ""
        items.append(f'<li><span class="delta">{delta}</span> {text(s.label)}{detail}'
                     f"{status_mark(s.status, s.note, notes, s.label)}"
                     f"{source_link(s.source, notes)}{source_link(s.second_source, notes)}</li>")
    if not r.trace:
        items.append(f'<li class="trace-none">{w["nothing"]}</li>')
    if r.verdict.total:
        items.append(f'<li class="trace-total"><span class="delta">=</span> '
                     f"{esc(r.verdict.total)}</li>")
    summary = esc(ngettext("Why this result (%(n)s rule)", "Why this result (%(n)s rules)",
                           len(r.trace)) % {"n": len(r.trace)})
    opened = " open" if r.trace and not embed else ""
    return (f'<details class="why"{opened}><summary>{summary}</summary><ol class="trace">'
            f'{"".join(items)}</ol></details>')


def visibility(r, changes, w) -> str:
    sees, chips = set(r.sees), []
    for name, phrase in changes:
        if name in sees:
            chips.append(f'<li class="seen">{phrase}</li>')
        else:
            chips.append(f'<li class="unseen">{phrase} <span class="visually-hidden">'
                         f'({w["cannot_see"]})</span></li>')
    if not chips:
        chips.append(f'<li class="seen">{w["ordinary"]}</li>')
    hidden = "".join(f'<li class="unseen">{w["param:" + n]}</li>' for n in r.cannot_see)
    count = esc(ngettext("Cannot see %(n)s kind of data", "Cannot see %(n)s kinds of data",
                         len(r.cannot_see)) % {"n": len(r.cannot_see)})
    lead = w["sees"] if r.applies or r.fiction else w["sees_if"]
    return (f'<div class="visibility"><p>{lead}</p><ul class="chips">{"".join(chips)}</ul>'
            f'<details><summary>{count}</summary><ul class="chips">{hidden}</ul></details></div>')


def column(r, system, notes: Notes, embed) -> str:
    """A system's column up to what it sees of the record (which depends on the whole
    record, not only on the parts this system sees)."""
    w = notes.w
    classes = f"system sys-{system.style}" + ("" if r.applies else " is-inapplicable") + (
        " is-fiction" if r.fiction else "")
    badge = f'<span class="badge">{w["fiction"]}</span> ' if r.fiction else ""
    sw = system_words(system)
    band = ""
    if r.verdict.band and r.verdict.kind in ("score", "list"):
        band = f'<p class="band">{esc(r.verdict.band)}</p>'
    mark = (notes.button(r.verdict.note, f"{r.name}, {r.verdict.headline}")
            if r.verdict.status == "illustrative" else "")
    head = (f'<section id="col-{r.system}" class="{classes}" aria-labelledby="sys-{r.system}">'
            f'<header class="system-head"><h3 id="sys-{r.system}">{GLYPH}{esc(r.name)}</h3>'
            f'<p class="meta">{badge}{sw["run_by"]} · {sw["answer"]}</p></header>')
    if not r.applies and not r.fiction:
        # Not covered comes first, for every reader; what it would say is one small line,
        # and no perk or sanction is listed as if it applied.
        return (f'{head}<div class="verdict-block"><p class="verdict verdict-none">'
                f'{uncovered_answer(r, w)}</p><p class="why-not">{esc(r.why_not)}</p>'
                f'{hypothetical(r, notes)}</div><div class="effects-block">'
                f'<p class="no-effects">{w["uncovered_effects"]}</p></div>')
    return (f'{head}<div class="verdict-block"><p class="verdict verdict-{r.verdict.kind}">'
            f"{esc(r.verdict.headline)}</p>{band}{mark}</div>"
            f'<div class="effects-block">{effects(r, notes)}</div>{trace(r, notes, embed)}')


# A system's strip row and column depend only on its result, which the engine keeps per
# system and per the parts of the record that system sees: built once per result, they
# serve every record that looks the same to that system (bench/load.py, random records).
# Keyed by identity; each entry holds its result and system, so no id is reused under it.
_built: OrderedDict = OrderedDict()
BUILT_SIZE = 4_096  # about 4 KB each: under 20 MB per worker at most


def built(r, system, w, embed) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """(strip row, column head to trace, the notes they show) for one system's result."""
    key = (id(r), id(system), id(w), bool(embed), bool(embed and embed.compact))
    found = _built.get(key)
    if found is not None and found[0] is r and found[1] is system and found[2] is w:
        return found[3]
    notes = Notes(w, bool(embed), bool(embed and embed.compact))
    parts = (strip_row(r, system, notes), column(r, system, notes, embed),
             tuple(notes.ids.items()))
    _built[key] = (r, system, w, parts)
    if len(_built) > BUILT_SIZE:
        _built.popitem(last=False)
    return parts


def change_mark(words: tuple[str, ...], since: str) -> str:
    """What the last step changed in a system ("now applies", "−288"), beside its verdict."""
    text = esc(" · ".join(words))
    return (f'<span class="change-mark" title="{esc(since)}">{text}'
            f'<span class="visually-hidden"> ({esc(since)})</span></span>')


def panel(sim, columns, systems, embed=None, step=None) -> dict:
    """The strip rows, the columns and the shared popovers, ready for the template. At a
    "See for yourself" step, each system's row and column say what the step changed."""
    notes = Notes(words(get_language()))
    changes = [(name, esc(phrase)) for name, phrase in sim.changes]
    marks = step.marks if step else {}
    since = _("since the step before") if step and step.number else ""
    strip, html = [], []
    for r in columns:
        row, head, used = built(r, systems[r.system], notes.w, embed)
        if r.system in marks:  # the row and column are shared; the mark is this step's
            mark = change_mark(marks[r.system], since)
            row = row.replace('</td><td role="cell" class="strip-applies">',
                              f' {mark}</td><td role="cell" class="strip-applies">', 1)
            head = head.replace('</div><div class="effects-block">',
                                f'<p class="changed">{mark}</p></div><div class="effects-block">',
                                1)
        strip.append(row)
        html += (head, visibility(r, changes, notes.w), "</section>")
        for note, pop in used:
            notes.ids.setdefault(note, pop)
    return {"strip": mark_safe("".join(strip)), "columns": mark_safe("".join(html)),
            "popovers": notes.popovers()}
