"""The releases as an Atom feed, for readers who follow changes."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .views import release_entries


class ReleasesFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("China's credit systems, explained: what changed")

    def subtitle(self):
        return _("Each release of the rules and data behind the simulations.")

    def link(self):
        return reverse("explainer:changes")

    def item_title(self, entry):
        release = entry["release"]
        kind = _("major") if release.is_major else _("minor")  # as the page says it
        return _("Release %(n)s (%(kind)s)") % {"n": release.number, "kind": kind}

    def items(self):
        return [entry for entry in release_entries() if entry["release"]][:20]

    def item_description(self, entry):
        """Atom's summary is HTML: the note, then one list item per change, each part
        escaped (the feed's XML then escapes the whole once more, as Atom requires)."""
        items = []
        for change, _systems, _sources in entry["changes"]:
            fields = "; ".join(f"{f.field}: {f.old} → {f.new}" if f.old else
                               f"{f.field}: {f.new}" for f in change.fields)
            words = {"added": _("added"), "removed": _("removed"),
                     "changed": _("changed")}[change.action]
            items.append(format_html(
                "<li>{} ({}): {}{}{}</li>", change.label or change.what, change.what, words,
                f"; {fields}" if fields else "",
                format_html(". {}", _("Why: %(why)s") % {"why": change.reason})
                if change.reason else ""))
        if not items and entry["count"]:
            items = [format_html("<li>{}</li>", ngettext(
                "%(n)d row of data", "%(n)d rows of data", entry["count"]) % {
                "n": entry["count"]})]
        return format_html("<p>{}</p>{}", entry["release"].note,
                           format_html("<ul>{}</ul>", mark_safe("".join(items)))
                           if items else "")

    def item_link(self, entry):
        return reverse("explainer:changes") + f"#release-{entry['release'].number}"

    def item_pubdate(self, entry):
        return entry["release"].published_at

    def item_updateddate(self, entry):
        return entry["release"].published_at
