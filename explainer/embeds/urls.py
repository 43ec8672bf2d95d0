"""Embeds live outside the language prefix: `lang=` chooses their language."""

from django.urls import path

from . import views

app_name = "embeds"
urlpatterns = [
    path("compare/", views.compare, name="compare"),
    path("dataflow/", views.dataflow, name="dataflow"),
    path("pilots/", views.pilots, name="pilots"),
    path("surveys/", views.surveys, name="surveys"),
    path("loader.js", views.loader, name="loader"),
]
