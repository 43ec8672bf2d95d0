"""HTTP behaviour for every response: refuse oversize requests early, add the
Permissions-Policy header."""

from django.conf import settings
from django.http import HttpResponse


class RequestLimitsMiddleware:
    """A query string longer than any page needs is refused at once (414), before any
    work, so it is never parsed, echoed or cached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.META.get("QUERY_STRING", "")) > settings.MAX_QUERY_STRING:
            return HttpResponse("URI too long: the query string is over "
                                f"{settings.MAX_QUERY_STRING} characters.\\n", status=414,
                                content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
