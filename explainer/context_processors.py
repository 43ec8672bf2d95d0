"""Values every page template needs."""

from functools import cache

from django.conf import settings
from django.utils.translation import get_language


@cache
def has_catalog(language: str) -> bool:
    return language == settings.LANGUAGE_CODE or any(
        (path / language / "LC_MESSAGES" / "django.mo").is_file()
        for path in map(type(settings.BASE_DIR), settings.LOCALE_PATHS))


def chrome(request) -> dict:
    """`chrome_lang`: the language the interface strings are really in.

    Until a language has its translation catalogue, its pages show the English interface;
    marking it `lang="en"` lets screen readers pronounce it as English (WCAG 3.1.2).
    """
    language = get_language()
    context = {"chrome_lang": language if has_catalog(language) else settings.LANGUAGE_CODE,
               "rules_as_of": getattr(request, "rules_as_of", None)}
    if getattr(request, "previewing_draft", False):  # an editor's preview: say so on the page
        from systems.releases.models import Release
        context.update(draft_preview=True, live_release=Release.objects.latest_published())
    return context
