"""Response headers every embed needs: framing by anyone, caching by URL."""

from functools import wraps

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override

from explainer.serving.cache import PUBLIC_LONGER

# The site's policy, except that anyone may frame an embed.
EMBED_CSP = {**settings.SECURE_CSP, "frame-ancestors": ["*"]}


def embeddable(view):
    """Frameable anywhere; public, cacheable and validated by ETag (304 when unchanged).

    An embed is deterministic for its URL (and the htmx headers it varies on), so its
    body is its identity: the ETag is a hash of it.
    """
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            patch_cache_control(response, **PUBLIC_LONGER)
            set_response_etag(response)
            return get_conditional_response(request, etag=response["ETag"], response=response)
        patch_cache_control(response, public=True, max_age=60)
        return response
    return xframe_options_exempt(csp_override(EMBED_CSP)(wrapped))
