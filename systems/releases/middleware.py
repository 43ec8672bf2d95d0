from django.db import DatabaseError

from systems.engine import request_version

from .version import current


class DataVersionMiddleware:
    """Read the data version once per request, so every worker notices an edit made
    anywhere (another worker, another server, the shell, `loaddata`) on its next request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            number, changed_at = getattr(request, "data_version", None) or current()
        except DatabaseError:
            from explainer.serving.errors import unavailable
            return unavailable()
        request.rules_as_of = changed_at  # the footer's "rules as of"
        # The number and the time: unique even where a rolled-back change reused a number.
        token = request_version.set((number, changed_at))
        try:
            return self.get_response(request)
        finally:
            request_version.reset(token)
