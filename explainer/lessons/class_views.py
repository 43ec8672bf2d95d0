"""A class poll, without accounts: a teacher starts it in one step, students follow a short
link, the teacher's secret page shows how many answered and, when the teacher reveals it,
the split of their guesses.

No cookie anywhere: the forms here carry no CSRF token (a token would need a cookie, and
the site promises readers none). What a forged cross-site POST could do is harmless or
impossible: starting a poll gives the forger nothing (the secret goes to the browser that
asked, which the forger cannot read), and every teacher action needs the secret in the
address, which only the teacher has. So the secret is the capability, and the views are
`csrf_exempt`.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from explainer import content, qr, simulation
from explainer.chapters import BY_SLUG, CHAPTERS
from explainer.serving.cache import public
from systems.record import shown

from . import predict, tally
from .models import LIFETIME, Poll, code_is_well_formed

# So many polls started in the last minute, site-wide, and the next waits: a script cannot
# fill the database, and real classes (a few a minute at most) never meet it.
STARTS_PER_MINUTE = 60
ACTIONS = ("reveal", "hide", "reset", "close", "reopen")
SIMULATION_WIDGETS = {"simulation", "dataflow"}


@lru_cache(maxsize=1)
def poll_chapters() -> tuple:
    """The chapters with a simulation to guess about (not the survey chart's)."""
    return tuple(c for c in CHAPTERS
                 if content.load(c.slug, settings.LANGUAGE_CODE).widgets & SIMULATION_WIDGETS)


def chapter_title(chapter) -> str:
    return content.load(chapter.slug, get_language() or settings.LANGUAGE_CODE).title


def private(response: HttpResponse, *, secret_page: bool = False) -> HttpResponse:
    """Never stored by a cache or CDN: the state changes with every answer and action."""
    patch_cache_control(response, private=True, no_store=True)
    if secret_page:
        response["X-Robots-Tag"] = "noindex"
        # The address holds the secret: no request from this page may carry it onwards.
        response["Referrer-Policy"] = "no-referrer"
    return response


def record_words(sim) -> list[str]:
    return [phrase for _name, phrase in sim.changes]


@require_safe
@public
def start(request: HttpRequest) -> HttpResponse:
    """Choose the chapter and the person, then start: the page the chapters link to."""
    slug = request.GET.get("chapter", "")
    chapters = poll_chapters()
    chapter = BY_SLUG.get(slug) if slug else chapters[0]
    errors = {}
    if chapter not in chapters:
        errors["chapter"] = _("There is no chapter %(given)s with a simulation; choose one "
                              "of the list.") % {"given": shown(slug)}
        chapter = chapters[0]
    data = request.GET.copy()
    data.pop("chapter", None)
    sim = simulation.read(data)
    errors.update(sim.errors)
    return render(request, "explainer/lessons/class_start.html",
                  start_context(chapter, sim, errors), status=400 if errors else 200)


def start_context(chapter, sim, errors) -> dict:
    return {"poll_chapter": chapter, "poll_chapters": poll_chapters(),
            "sim": sim, "record_words": record_words(sim), "errors": errors,
            "record_fields": list(QueryDict(sim.query).items()),
            "chapters": CHAPTERS, "lifetime_days": LIFETIME.days, "reveal_at": tally.REVEAL_AT}


@csrf_exempt
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    """Start a poll (a plain POST form: the chapter and the record's query) and go to
    the teacher's secret page."""
    slug = request.POST.get("chapter", "")
    query = request.POST.get("record", "")
    chapter = BY_SLUG.get(slug)
    errors = {}
    if chapter not in poll_chapters():
        errors["chapter"] = _("There is no chapter %(given)s with a simulation; choose one "
                              "of the list.") % {"given": shown(slug)}
        chapter = poll_chapters()[0]
    if len(query) > settings.MAX_QUERY_STRING:
        errors["record"] = _("The record is longer than %(n)d characters; no record needs "
                             "that many.") % {"n": settings.MAX_QUERY_STRING}
        query = ""
    sim = simulation.read(QueryDict(query))
    errors.update(sim.errors)
    if errors:
        response = render(request, "explainer/lessons/class_start.html",
                          start_context(chapter, sim, errors), status=400)
        return private(response)
    now = timezone.now()
    if Poll.objects.started_since(now - timedelta(minutes=1)).count() >= STARTS_PER_MINUTE:
        context = start_context(chapter, sim, {"busy": _(
            "Many classes were started in the last minute. Wait a minute, then try again.")})
        response = render(request, "explainer/lessons/class_start.html", context, status=429)
        response["Retry-After"] = "60"
        return private(response)
    # Expired polls go whenever a class starts, so none outlives its 7 days by much even
    # where nobody schedules purge_classes (which does the same daily).
    Poll.objects.expired(now).delete()
    poll, secret = Poll.objects.start(chapter.slug, sim.query,
                                      [result.system for result in sim.outcome.results])
    response = HttpResponseRedirect(teacher_path(poll.code, secret))
    response.status_code = 303  # after a POST, GET the page
    return private(response)


def teacher_path(code: str, secret: str) -> str:
    return reverse("explainer:class-teacher", args=[code, secret])


def student_url(request, code: str) -> str:
    return request.build_absolute_uri(reverse("explainer:class-student", args=[code]))


@require_safe
def student(request: HttpRequest, code: str) -> HttpResponse:
    """The short link students type or scan: on to the chapter, guessing first, with the
    class code in the address so the prediction form counts the guesses for this class."""
    code = tally.normalise(code)
    poll = Poll.objects.live().filter(code=code).first() if code_is_well_formed(code) else None
    if poll is None:
        return private(render(request, "explainer/lessons/class_missing.html",
                              {"code": code[:12], "lifetime_days": LIFETIME.days,
                               "chapters": CHAPTERS}, status=404))
    if poll.closed:
        # 410 Gone, not 404: the code was right and the class existed; the teacher ended it.
        return private(render(request, "explainer/lessons/class_closed.html",
                              {"code": code, "chapters": CHAPTERS,
                               "chapter_url": reverse("explainer:misconception",
                                                      args=[poll.chapter])}, status=410))
    query = "&".join(q for q in (poll.query, f"reveal=after&class={poll.code}") if q)
    target = reverse("explainer:misconception", args=[poll.chapter]) + "?" + query
    return private(HttpResponseRedirect(target + "#simulation"))


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def teacher(request: HttpRequest, code: str, secret: str) -> HttpResponse:
    """The teacher's page: the student link and its QR code, how many answered, and the
    split once revealed with enough answers; reveal, hide, reset, close, reopen."""
    code = tally.normalise(code)
    poll = Poll.objects.live().filter(code=code).first() if code_is_well_formed(code) else None
    if poll is None or not poll.opens_with(secret):
        # The same answer for a wrong secret as for a wrong code: nothing to probe.
        response = render(request, "explainer/lessons/class_missing.html",
                          {"teacher": True, "lifetime_days": LIFETIME.days,
                           "chapters": CHAPTERS}, status=404)
        return private(response, secret_page=True)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            response = HttpResponse(_("Unknown action %(given)s: the buttons send one of "
                                      "%(actions)s.") % {"given": shown(action),
                                                         "actions": ", ".join(ACTIONS)},
                                    status=400, content_type="text/plain; charset=utf-8")
            return private(response, secret_page=True)
        if action in ("reveal", "hide"):
            poll.set_revealed(action == "reveal")
        elif action == "reset":
            poll.reset()
        else:
            poll.set_closed(action == "close")
        response = HttpResponseRedirect(request.path)
        response.status_code = 303
        return private(response, secret_page=True)
    context = teacher_context(request, poll)
    template = "explainer/lessons/class_teacher.html"
    if request.htmx and request.htmx.target == "tally":
        template += "#tally"  # the region that follows the answers every few seconds
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return private(response, secret_page=True)


def teacher_context(request, poll: Poll) -> dict:
    sim = simulation.read(QueryDict(poll.query))
    url = student_url(request, poll.code)
    counts = poll.counts()
    ready = poll.answered >= tally.REVEAL_AT
    split = []
    if poll.revealed and ready:
        baseline = simulation.read(QueryDict()).outcome
        for question in predict.questions(sim.outcome, baseline, keys=list(counts)):
            chosen = counts.get(question.system, {})
            total = sum(chosen.values())
            split.append({"question": question, "total": total, "choices": [
                {"label": label, "n": chosen.get(choice, 0), "right": choice == question.answer,
                 "share": round(100 * chosen.get(choice, 0) / total) if total else 0}
                for choice, label in predict.CHOICES]})
    chapter = BY_SLUG.get(poll.chapter)  # a chapter renamed since: its slug will do
    return {"poll": poll, "student_url": url,
            "chapter_title": chapter_title(chapter) if chapter else poll.chapter,
            "poll_chapter": chapter, "sim": sim, "record_words": record_words(sim),
            "qr": qr.svg(url, _("QR code of the student link")),
            "ready": ready, "split": split, "reveal_at": tally.REVEAL_AT,
            "to_go": max(0, tally.REVEAL_AT - poll.answered), "chapters": CHAPTERS,
            "lifetime_days": LIFETIME.days}
