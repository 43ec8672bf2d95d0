"""The editors' own admin pages: a system's rules together, the review queue, the draft
preview and what the draft would publish."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.forms import BaseModelFormSet, modelformset_factory
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from systems import engine
from systems.blacklists.models import Blacklist, ListingRule, Sanction
from systems.commercial.models import Dimension, Factor, Perk, Restriction, Tier
from systems.models import Feed, Source
from systems.nosedive.models import Baseline, RatingRule, Threshold
from systems.pilots.models import Adjustment, Consequence, Grade, Scheme, SchemePart
from systems.releases import editions
from systems.rows import Rows
from systems.translated import base_name, translations

from .admin import refusal
from .forms import IMPACT_FIRST, SourceKeyField, impact_digest, previewed, ticked
from .impact import checked, compare, everything, rehearse
from .review import checked_today, read_sources, source_rows, stale, stale_statements
from .versions import VersionedForm, VersionedRows

FIXED_RULE_MODELS = {
    "sesame": [(Dimension, {}), (Factor, {}), (Tier, {}), (Perk, {}), (Restriction, {})],
    "blacklists": [(Blacklist, {}), (ListingRule, {}), (Sanction, {})],
    "nosedive": [(Baseline, {}), (RatingRule, {}), (Threshold, {})],
}


def draft_systems() -> dict:
    """The systems editors edit: the draft's (a scheme added in the admin is one)."""
    return {s.key: s for s in engine.registry(Rows())}


def rule_models(key: str) -> list[tuple[type, dict]]:
    """A system's rule models, each with the filter that picks this system's rows: the
    fixed systems' own, or any points scheme's (its rows, by its system key)."""
    if key in FIXED_RULE_MODELS:
        found = FIXED_RULE_MODELS[key]
    else:
        pilot = {"scheme__system": key}
        found = [(Scheme, {"system": key}), (SchemePart, pilot), (Grade, pilot),
                 (Consequence, {"grade__scheme__system": key}), (Adjustment, pilot)]
    return [*found, (Feed, {"system": key})]


class RuleRowForm(VersionedForm):
    """One row on a system's page: locked to the version the editor saw."""


class RuleRowFormSet(VersionedRows, BaseModelFormSet):
    """One model's rows on a system's page (plain menus: shared by its rows)."""

    share_menus = True


def formsets_for(key: str, data=None) -> list:
    keys = dict(Source.objects.values_list("pk", "key"))

    def formfield(field, **kwargs):
        """A source by its key (one list of keys for the page), and short text areas, so
        that every row fits a laptop's window."""
        if field.name == "source":
            return SourceKeyField(keys, label=field.verbose_name, required=False)
        if base_name(field) in ("note", "summary", "eligibility"):
            return field.formfield(widget=forms.Textarea(attrs={"rows": 2}), **kwargs)
        return field.formfield(**kwargs)

    sets = []
    for model, where in rule_models(key):
        # The key names the row (its legend) and every row here is this system's: renaming
        # a row, or moving it to another scheme, is for the row's own page.
        # Translations are edited on the row's own page: here the English states the rule.
        fixed = [f for f in ("id", "key", "scheme") if f in {x.name for x in model._meta.fields}]
        factory = modelformset_factory(model, form=RuleRowForm, formset=RuleRowFormSet,
                                       exclude=[*fixed, *translations(model)], extra=0,
                                       can_delete=False, formfield_callback=formfield)
        sets.append(factory(data, queryset=model.objects.filter(**where),
                            prefix=model._meta.model_name))
    return sets


def gone(formsets) -> list[str]:
    """A message for each row another editor deleted since this page was opened."""
    return [_("A row of %(what)s was deleted since you opened this page (by someone else): "
              "reload the page; your other changes are kept below, not saved.") % {
        "what": formset.model._meta.verbose_name_plural}
        for formset in formsets for form in formset.forms if "id" in form.errors]


def value_edits(formsets) -> list[tuple]:
    """(form, the value fields its editor changed) for every row whose value changed."""
    found = []
    for formset in formsets:
        for form in formset.forms:
            names = [n for n in form.edited_fields()
                     if n in getattr(formset.model, "VALUE_FIELDS", ())]
            if names:
                found.append((form, names))
    return found


@staff_member_required
def system_rules(request: HttpRequest, key: str) -> HttpResponse:
    """Every rule of one system on one page; only the rows the editor changed are written,
    each locked to the version the editor saw, checked as a set, with the impact on what
    readers see shown before anything is saved."""
    systems = draft_systems()
    if key not in systems:
        raise Http404
    models = [model for model, _where in rule_models(key)]
    if not all(request.user.has_perm(f"{m._meta.app_label}.change_{m._meta.model_name}")
               for m in models):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    formsets = formsets_for(key, data)
    impact, problems, errors, previewing = None, [], [], False
    if data is not None:
        text = data.get("change_reason", "").strip()
        if not text or len(text) > 100:
            errors.append(_("Say in at most 100 characters why you are changing these rules."))
        checked_sets = [fs.is_valid() for fs in formsets]  # each set, so each shows its errors
        valid = all(checked_sets)  # a stale row is an error of its own
        errors += gone(formsets)
        edits = value_edits(formsets) if valid else []
        retrieved = data.get("source_retrieved", "")
        try:
            day = forms.DateField().clean(retrieved) if retrieved else timezone.localdate()
            if day > timezone.localdate():
                raise forms.ValidationError("in the future")
        except forms.ValidationError:
            day = None
            errors.append(_("Give the date you read the sources, as YYYY-MM-DD, no later "
                            "than today."))
        if edits and not ticked(data):
            errors.append(_("You changed a value in %(rows)s: confirm that each row's source "
                            "(and its locator) states the new value, and tick “I checked”.")
                          % {"rows": ", ".join(f"{f.instance.key} ({', '.join(n)})"
                                               for f, n in edits)})
        if valid and not errors:
            changed = [form for fs in formsets for form in fs.forms if form.edited_fields()]

            def apply() -> list[str]:
                saved = []
                for formset in formsets:
                    for instance in formset.save(commit=False):  # only the changed rows
                        instance._change_reason = text
                        instance._history_user = request.user
                        if any(f.instance is instance for f, _n in edits):
                            instance.checked = day
                        instance.save()
                        saved.append(instance.key)
                read_sources([f.instance.source_id for f, _n in edits if f.instance.source_id],
                             day, text, request.user)
                return saved

            if not changed:
                errors.append(_("Nothing to save: no row differs from what you opened."))
            elif previewed(data):
                saved, refused = checked(apply)
                if refused is not None:
                    problems = refusal(refused)
                else:
                    engine.clear_cache()
                    messages.success(request, ngettext(
                        "Saved %(n)d row in the draft (%(keys)s). Readers see it once a "
                        "release is published.", "Saved %(n)d rows in the draft (%(keys)s). "
                        "Readers see them once a release is published.", len(saved)) % {
                        "n": len(saved), "keys": ", ".join(saved)})
                    return HttpResponseRedirect(request.path)
            else:
                _result, impact = rehearse(apply)
                if impact.problems:
                    problems = refusal(impact)
                else:
                    previewing = True
    sources = Source.objects.order_by("key").values_list("key", "outlet", "published")
    return render(request, "admin/editing/system_rules.html", {
        **admin.site.each_context(request),
        "title": _("%(system)s: all its rules") % {"system": systems[key].name},
        "system_key": key, "impact": impact, "problems": problems, "errors": errors,
        "previewing": previewing, "impact_first": IMPACT_FIRST if previewing else "",
        "impact_digest": impact_digest(data) if previewing else "",
        "sections": [(fs.model._meta.verbose_name_plural.capitalize(), fs) for fs in formsets],
        "reason": (data or {}).get("change_reason", ""),
        "source_checked": data is not None and ticked(data),
        "source_retrieved": (data or {}).get("source_retrieved", "") or
        timezone.localdate().isoformat(),
        "source_keys": sources,
        "opts": Scheme._meta, "has_view_permission": True,
        "history_links": [(m._meta.verbose_name_plural,
                           reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist"))
                          for m in models],
    })


@staff_member_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Rows nobody has checked lately, each with its source; tick the ones checked against
    their source, and mark them checked (each source's retrieved date moves on too)."""
    months = request.GET.get("months", "")
    try:
        months_value = int(months) if months else None
        if months_value is not None and not 0 <= months_value <= 600:
            raise ValueError
    except ValueError:
        months_value = None
        messages.error(request, _("months must be a whole number from 0 to 600."))
    found = [(model, rows) for model, rows in stale(months_value)
             if request.user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")]
    if request.method == "POST":
        return mark_from_queue(request, found)
    groups = [(model._meta.verbose_name_plural.capitalize(), model._meta.label_lower,
               request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"),
               [(row, reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                              args=[row.pk]), source_rows(row)) for row in rows])
              for model, rows in found]
    return render(request, "admin/editing/review.html", {
        **admin.site.each_context(request),
        "title": _("Review queue"), "groups": groups, "months": months_value,
        "statements": stale_statements(months_value),
        "opts": Scheme._meta, "has_view_permission": True})


def mark_from_queue(request: HttpRequest, found) -> HttpResponse:
    chosen = set(request.POST.getlist("row"))
    rows = []
    for model, candidates in found:
        if not request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
            if any(f"{model._meta.label_lower}:{r.pk}" in chosen for r in candidates):
                raise PermissionDenied
            continue
        rows += [r for r in candidates if f"{model._meta.label_lower}:{r.pk}" in chosen]
    if not rows:
        messages.error(request, _("Tick the rows you checked against their sources."))
        return HttpResponseRedirect(request.get_full_path())
    reason = _("Checked against its source")
    _result, refused = checked(lambda: checked_today(rows, request.user, reason))
    if refused is not None:
        for line in refusal(refused):
            messages.error(request, line)
        return HttpResponseRedirect(request.get_full_path())
    messages.success(request, _("%(n)d marked as checked today; their sources' retrieved "
                                "date is today.") % {"n": len(rows)})
    return HttpResponseRedirect(request.get_full_path())


@require_POST
@staff_member_required
def preview(request: HttpRequest) -> HttpResponse:
    """Turn the draft preview on (`on=1`) or off (`on=0`) for this editor, then go to
    `next`: every reader page, embed and API answer then shows the draft, marked as such,
    never cached. It changes what this editor sees, nothing else."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = reverse("explainer:home")
    response = HttpResponseRedirect(target)
    if request.POST.get("on") == "1":
        if not editions.may_preview(request.user):
            raise PermissionDenied
        response.set_cookie(editions.PREVIEW_COOKIE, editions.preview_token(request.user),
                            max_age=editions.PREVIEW_SECONDS, httponly=True, samesite="Lax",
                            secure=settings.SESSION_COOKIE_SECURE)
    else:
        response.delete_cookie(editions.PREVIEW_COOKIE, samesite="Lax")
    return response


@require_safe
@staff_member_required
def draft(request: HttpRequest) -> HttpResponse:
    """What the draft would publish: its changes against the release readers see, what
    readers would see change, and whether the rules hold together."""
    from systems.checks import all_problems
    if not editions.may_preview(request.user):
        raise PermissionDenied
    from systems.releases.changes import draft_diff
    from systems.releases.models import Release
    latest = Release.objects.latest_published()
    live = engine.rows(engine.of(latest)) if latest is not None else Rows()
    rows = everything(Rows())
    return render(request, "admin/editing/draft.html", {
        **admin.site.each_context(request),
        "title": _("What the draft would publish"), "latest": latest,
        "diff": draft_diff(), "impact": compare(live, rows),
        "problems": all_problems(rows), "opts": Scheme._meta, "has_view_permission": True,
        "proposals": Release.objects.proposed()})
