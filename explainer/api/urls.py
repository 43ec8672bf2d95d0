from django.urls import path

from . import docs

app_name = "api"
urlpatterns = [
    path("", docs.docs, name="docs"),
]
