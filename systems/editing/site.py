from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views


class EditorsAdminSite(admin.AdminSite):
    """Django's admin plus the editors' pages: each system's rules on one page, the review
    queue, the draft preview and what the draft would publish. Reached only at /admin/;
    no public page links here."""

    site_header = _("China's credit systems: editors")
    site_title = _("Editors")
    index_title = _("Rules, sources and releases")
    index_template = "admin/editing/index.html"

    def get_urls(self):
        return [
            path("rules/<slug:key>/", self.admin_view(views.system_rules),
                 name="editing-system-rules"),
            path("review/", self.admin_view(views.review_queue), name="editing-review"),
            path("preview/", self.admin_view(views.preview), name="editing-preview"),
            path("draft/", self.admin_view(views.draft), name="editing-draft"),
            *super().get_urls(),
        ]

    def index(self, request, extra_context=None):
        from systems.releases import editions
        extra = {"rule_systems": [(s.key, s.name) for s in views.draft_systems().values()],
                 "may_preview": editions.may_preview(request.user),
                 "previewing_draft": editions.previewer(
                     request.COOKIES.get(editions.PREVIEW_COOKIE)) == request.user.pk,
                 **(extra_context or {})}
        return super().index(request, extra)
