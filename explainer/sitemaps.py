from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from systems import engine

from .chapters import CHAPTERS


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return (["home"] + [("misconception", c.slug) for c in CHAPTERS] + ["systems"]
                + [("system", system.key) for system in engine.systems()]
                + ["timeline", "memorandums", "glossary", "sources", "changes", "privacy"]
                + ["teach-index"] + [("teach", c.slug) for c in CHAPTERS])

    def location(self, item):
        if isinstance(item, tuple):
            return reverse(f"explainer:{item[0]}", args=[item[1]])
        return reverse(f"explainer:{item}")


SITEMAPS = {"pages": PageSitemap}
