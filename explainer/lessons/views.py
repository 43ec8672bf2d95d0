"""Teachers' pages: a guide per chapter, and the list of guides."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from explainer import content
from explainer.chapters import BY_SLUG, CHAPTERS
from explainer.serving.cache import public

from . import guide


@require_safe
@public
def teach(request: HttpRequest, slug: str) -> HttpResponse:
    chapter = BY_SLUG.get(slug)
    if chapter is None:
        return render(request, "404.html", status=404)
    language = get_language()
    lesson = guide.load(chapter, language)
    context = {"guide": lesson, "page": lesson.page, "lesson_chapter": chapter,
               "chapter_page": content.load(chapter.slug, language), "chapters": CHAPTERS,
               "steps": guide.activity(chapter, request.build_absolute_uri, language),
               "choices": guide.choices()}
    first = content.load_steps().get(chapter.slug, [{}])[0].get("record", "")
    context["class_url"] = reverse("explainer:class-start") + "?" + "&".join(
        q for q in (f"chapter={chapter.slug}", first) if q)
    if not context["steps"] and "survey-chart" in context["chapter_page"].widgets:
        from explainer.views import survey_context  # the chart the chapter shows
        context.update(survey_context())
        context["chart_href"], context["chart_qr"] = guide.chart_link(
            chapter, request.build_absolute_uri)
    return render(request, "explainer/lessons/teach.html", context)


@require_safe
@public
def teach_index(request: HttpRequest) -> HttpResponse:
    language = get_language()
    return render(request, "explainer/lessons/teach_index.html", {
        "guides": [guide.load(chapter, language) for chapter in CHAPTERS],
        "chapters": CHAPTERS, "minutes": guide.LESSON_MINUTES})
