"""Response headers every embed needs: framing by anyone, caching by URL."""

from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override

from explainer.serving.cache import PUBLIC_LONGER

# The site's policy, except that anyone may frame an embed.
EMBED_CSP = {**settings.SECURE_CSP, "frame-ancestors": ["*"]}


def embeddable(view):
    """Frameable anywhere; public and cacheable for longer than a reader's page.

    An embed is deterministic for its URL (and the htmx headers it varies on), so the page
    cache (explainer/serving/cache.py) keeps it and gives it an ETag and 304s, as it does
    every public page.
    """
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method == "POST":  # a reader's guesses: their answer is theirs alone
            response["Cache-Control"] = "private, no-store"
        elif response.status_code == 200:
            patch_cache_control(response, **PUBLIC_LONGER)
        else:
            patch_cache_control(response, public=True, max_age=60)
        return response
    return xframe_options_exempt(csp_override(EMBED_CSP)(wrapped))
