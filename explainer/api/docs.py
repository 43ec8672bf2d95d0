"""The human page for the API: what each endpoint gives, with examples."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from explainer.chapters import CHAPTERS
from systems.record import PARAMETERS
from systems.translated import languages


@require_safe
def docs(request: HttpRequest) -> HttpResponse:
    base = request.build_absolute_uri("/api/v1/")
    return render(request, "explainer/api/docs.html",
                  {"base": base, "parameters": PARAMETERS, "chapters": CHAPTERS,
                   "example": "court_judgment=refused&residence=rongcheng&opted_in=1",
                   "api_languages": ", ".join(languages())})
