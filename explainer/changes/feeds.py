"""The releases as an Atom feed, for readers who follow changes."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from .views import release_entries


class ReleasesFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("China's credit systems, explained: what changed")

    def subtitle(self):
        return _("Each release of the rules and data behind the simulations.")

    def link(self):
        return reverse("explainer:changes")

    def items(self):
        return release_entries()[:20]

    def item_title(self, entry):
        release = entry["release"]
        return _("Release %(n)s (%(kind)s)") % {"n": release.number, "kind": release.kind}

    def item_description(self, entry):
        lines = [entry["release"].note]
        for change, _systems, _source in entry["changes"]:
            fields = "; ".join(f"{f.field}: {f.old} → {f.new}" for f in change.fields)
            lines.append(f"{change.what} {change.action}" + (f" ({fields})" if fields else ""))
        return escape("\n".join(lines))  # Atom's summary is HTML: the text is plain

    def item_link(self, entry):
        return reverse("explainer:changes") + f"#release-{entry['release'].number}"

    def item_pubdate(self, entry):
        return entry["release"].published_at

    def item_updateddate(self, entry):
        return entry["release"].published_at
