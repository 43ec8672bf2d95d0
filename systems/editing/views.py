"""The editors' own admin pages: a system's rules together, and the review queue."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import modelformset_factory
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from systems import engine
from systems.blacklists.models import Blacklist, ListingRule, Sanction
from systems.checks import all_problems
from systems.commercial.models import Dimension, Factor, Perk, Restriction, Tier
from systems.models import Feed
from systems.nosedive.models import Baseline, RatingRule, Threshold
from systems.pilots.models import Adjustment, Consequence, Grade, Scheme, SchemePart

from .impact import rehearse
from .review import stale


def rule_models(key: str) -> list[tuple[type, dict]]:
    """A system's rule models, each with the filter that picks this system's rows."""
    pilot = {"scheme__system": key}
    return {
        "sesame": [(Dimension, {}), (Factor, {}), (Tier, {}), (Perk, {}), (Restriction, {})],
        "blacklists": [(Blacklist, {}), (ListingRule, {}), (Sanction, {})],
        "rongcheng": [(Scheme, {"system": key}), (SchemePart, pilot), (Grade, pilot),
                      (Consequence, {"grade__scheme__system": key}), (Adjustment, pilot)],
        "nosedive": [(Baseline, {}), (RatingRule, {}), (Threshold, {})],
    }.get("rongcheng" if key == "suining" else key, []) + [(Feed, {"system": key})]


class SetProblems(Exception):
    def __init__(self, problems):
        self.problems = problems


def formsets_for(key: str, data=None) -> list:
    sets = []
    for model, where in rule_models(key):
        factory = modelformset_factory(
            model, exclude=["id"], extra=0, can_delete=False,
            widgets={"note": forms.Textarea(attrs={"rows": 2, "cols": 30}),
                     "summary": forms.Textarea(attrs={"rows": 2, "cols": 30})})
        sets.append(factory(data, queryset=model.objects.filter(**where),
                            prefix=model._meta.model_name))
    return sets


@staff_member_required
def system_rules(request: HttpRequest, key: str) -> HttpResponse:
    """Every rule of one system on one page; saved together, checked as a set, with the
    impact on the personas shown before anything is saved."""
    names = {s.key: s.name for s in engine.systems()}
    if key not in names:
        raise Http404
    models = [model for model, _where in rule_models(key)]
    if not all(request.user.has_perm(f"{m._meta.app_label}.change_{m._meta.model_name}")
               for m in models):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    formsets = formsets_for(key, data)
    impact, problems, reason_error = None, [], ""
    if data is not None:
        text = data.get("change_reason", "").strip()
        if not text or len(text) > 100:
            reason_error = _("Say in at most 100 characters why you are changing these rules.")
        if all(fs.is_valid() for fs in formsets) and not reason_error:

            def apply():
                for formset in formsets:
                    for instance in formset.save(commit=False):
                        instance._change_reason = text
                        instance._history_user = request.user
                        instance.save()
                found = all_problems()
                if found:
                    raise SetProblems(found)
            try:
                if "_impact_seen" in data:
                    with transaction.atomic():
                        apply()
                    engine.clear_cache()
                    messages.success(request, _("Saved. Readers see the new rules now."))
                    return HttpResponseRedirect(request.path)
                _result, impact = rehearse(apply)
            except SetProblems as error:
                problems, impact = error.problems, None
                engine.clear_cache()
    return render(request, "admin/editing/system_rules.html", {
        **admin.site.each_context(request),
        "title": _("%(system)s: all its rules") % {"system": names[key]},
        "system_key": key, "impact": impact, "problems": problems,
        "sections": [(fs.model._meta.verbose_name_plural.capitalize(), fs) for fs in formsets],
        "reason": (data or {}).get("change_reason", ""), "reason_error": reason_error,
        "opts": Scheme._meta, "has_view_permission": True,
        "history_links": [(m._meta.verbose_name_plural,
                           reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist"))
                          for m in models],
    })


@staff_member_required
def review_queue(request: HttpRequest) -> HttpResponse:
    months = request.GET.get("months", "")
    try:
        months_value = int(months) if months else None
        if months_value is not None and not 0 <= months_value <= 600:
            raise ValueError
    except ValueError:
        months_value = None
        messages.error(request, _("months must be a whole number from 0 to 600."))
    rows = [(model._meta.verbose_name_plural.capitalize(),
             [(row, reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                            args=[row.pk])) for row in found])
            for model, found in stale(months_value)]
    return render(request, "admin/editing/review.html", {
        **admin.site.each_context(request),
        "title": _("Review queue"), "groups": rows, "months": months_value,
        "opts": Scheme._meta, "has_view_permission": True})
