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

    def get_languages_for_item(self, item):
        """Only the languages the page is written in (a page shown in English under /de/
        would be a duplicate to search engines)."""
        from explainer.translations.pages import languages_of
        return languages_of(page_name(item))

    def location(self, item):
        if isinstance(item, tuple):
            return reverse(f"explainer:{item[0]}", args=[item[1]])
        return reverse(f"explainer:{item}")


# The Markdown page each item shows (explainer/content/<language>/<name>.md); the others are
# written by the templates, in every language that has its catalogue.
PAGE_NAMES = {"home": "home", "timeline": "timeline", "memorandums": "memorandums",
              "glossary": "glossary", "privacy": "privacy",
              **{("misconception", c.slug): c.slug for c in CHAPTERS},
              **{("teach", c.slug): f"teach/{c.slug}" for c in CHAPTERS}}


def page_name(item) -> str:
    if isinstance(item, tuple) and item[0] == "system":
        return f"systems/{item[1]}"
    return PAGE_NAMES.get(item, "")


SITEMAPS = {"pages": PageSitemap}
