from django.db import DatabaseError

from systems.engine import request_version

from .models import DataVersion


class DataVersionMiddleware:
    """Read the data version once per request, so every worker notices an edit made
    anywhere (another worker, another server, the shell, `loaddata`) on its next request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in ("/healthz", "/readyz"):
            return self.get_response(request)  # probes answer without reading the data
        try:
            number, changed_at = DataVersion.objects.filter(pk=1).values_list(
                "number", "changed_at").first() or (0, None)
        except DatabaseError:
            from explainer.serving.errors import unavailable
            return unavailable()
        request.rules_as_of = changed_at  # the footer's "rules as of"
        token = request_version.set(number)
        try:
            return self.get_response(request)
        finally:
            request_version.reset(token)
