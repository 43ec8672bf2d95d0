"""Root URLs. Reader pages live under a language prefix (/en/, /nl/)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from . import views
from .sitemaps import SITEMAPS

pages = [
    path("", views.home, name="home"),
    path("misconceptions/<slug:slug>/", views.misconception, name="misconception"),
    path("systems/", views.systems_index, name="systems"),
    path("systems/<slug:key>/", views.system, name="system"),
    path("glossary/", views.glossary, name="glossary"),
    path("sources/", views.sources, name="sources"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS},
         name="django.contrib.sitemaps.views.sitemap"),
    *i18n_patterns(path("", include((pages, "explainer")))),
]
