"""The blacklists' engine: a record either meets a listing ground or it does not."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from systems.models import SystemKey
from systems.outcome import SourceRef, SystemResult, Verdict, weakest
from systems.rows import Rows
from systems.rules import Compiled, RuleRow, compile_rule, effect, row_of

from .models import Blacklist, ListingRule, Sanction

KEY = "blacklists"
NAME = SystemKey.BLACKLISTS.label


@dataclass(frozen=True, slots=True)
class Rules:
    lists: tuple[Blacklist, ...]
    rules: tuple[Compiled, ...]
    sanctions: dict[int, tuple[Sanction, ...]]  # by blacklist id


def load(rows: Rows) -> Rules:
    lists = tuple(rows.all(Blacklist))
    sanctions = {b.pk: [] for b in lists}
    for sanction in rows.all(Sanction):
        sanctions[sanction.blacklist_id].append(sanction)
    return Rules(
        lists=lists,
        rules=tuple(compile_rule(r) for r in rows.all(ListingRule)),
        sanctions={pk: tuple(found) for pk, found in sanctions.items()},
    )


def evaluate(record, rules: Rules, sees, cannot_see) -> SystemResult:
    trace, on = [], []
    for rule in rules.rules:
        if not rule.units(record):
            continue
        blacklist = next(b for b in rules.lists if b.pk == rule.row.blacklist_id)
        if rule.row.listed:
            on.append(blacklist)
            trace.append(rule.step(None, _("listed on the %(list)s; %(term)s") % {
                "list": blacklist.name, "term": blacklist.term}))
        else:
            trace.append(rule.step(None, _("not on the %(list)s") % {"list": blacklist.name}))
    effects = []
    for blacklist in on:
        effects += [effect(s, "sanction", s.label, s.imposed_by)
                    for s in rules.sanctions[blacklist.pk]]
        effects.append(effect(blacklist, "consequence", _("How to get off"), blacklist.removal))
    names = ", ".join(b.name for b in on)
    if on:
        label = _("Listed")
        summary = _("Government blacklists: listed on the %(lists)s.") % {"lists": names}
    else:
        label = _("Not listed")
        summary = _("Government blacklists: not on any list. A list has no score.")
    verdict = Verdict(kind="list", value=None, label=label, band=names,
                      status=weakest(*(s.status for s in trace)), note="", summary=summary,
                      headline=label)
    return SystemResult(KEY, str(NAME), False, True, "", verdict, tuple(effects), tuple(trace),
                        sees, cannot_see)


def describe(rules: Rules) -> dict:
    rows = []
    for blacklist in rules.lists:
        rows += [row_of(r, _("listed on the %(list)s") % {"list": blacklist.name}
                        if r.row.listed else _("not listed"))
                 for r in rules.rules if r.row.blacklist_id == blacklist.pk]
        rows += [RuleRow(s.label, _("on the %(list)s") % {"list": blacklist.name},
                         _("sanction"), s.status, s.note, SourceRef.of_row(s), s.key)
                 for s in rules.sanctions[blacklist.pk]]
    return {"rows": rows, "bands": [], "scale": None}
