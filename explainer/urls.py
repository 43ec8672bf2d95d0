"""Root URLs. Reader pages live under a language prefix (/en/, /nl/); embeds, oEmbed and
the API do not (embeds take `lang=`)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from . import qr, views
from .api.views import api
from .changes import views as changes_views
from .changes.feeds import ReleasesFeed
from .embeds import views as embeds
from .embeds.oembed import oembed
from .lessons import class_views as classes
from .lessons import views as lessons
from .serving.cache import public
from .sharing import views as sharing
from .sitemaps import SITEMAPS
from .timeline import views as timeline

handler500 = "explainer.serving.errors.server_error"

pages = [
    path("", views.home, name="home"),
    path("misconceptions/<slug:slug>/", views.misconception, name="misconception"),
    path("systems/", views.systems_index, name="systems"),
    path("systems/blacklists/memorandums/", timeline.memorandums, name="memorandums"),
    path("systems/<slug:key>/", views.system, name="system"),
    path("glossary/", views.glossary, name="glossary"),
    path("timeline/", timeline.timeline, name="timeline"),
    path("sources/", views.sources, name="sources"),
    path("embed/", embeds.builder, name="embed-builder"),
    path("privacy/", views.privacy, name="privacy"),
    path("teach/", lessons.teach_index, name="teach-index"),
    path("teach/<slug:slug>/", lessons.teach, name="teach"),
    # A class poll (explainer/lessons/README.md): start, the students' link, the teacher's.
    path("class/", classes.start, name="class-start"),
    path("class/new/", classes.create, name="class-create"),
    path("class/<str:code>/", classes.student, name="class-student"),
    path("class/<str:code>/teacher/<slug:secret>/", classes.teacher, name="class-teacher"),
    path("cards/<slug:name>.png", sharing.card, name="card"),
    path("changes/", changes_views.changes, name="changes"),
    path("changes/feed/", ReleasesFeed(), name="changes-feed"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", public(sitemap), {"sitemaps": SITEMAPS},
         name="django.contrib.sitemaps.views.sitemap"),
    path("embed/", include("explainer.embeds.urls")),
    path("oembed", oembed, name="oembed"),
    path("qr.svg", qr.image, name="qr"),
    path("api/", include("explainer.api.urls")),
    path("api/v1/", api.urls),
    *i18n_patterns(path("", include((pages, "explainer")))),
]
