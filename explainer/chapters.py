"""The walk-through: five misconceptions, in reading order."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from systems.timeline.models import CHAPTER_SLUGS


@dataclass(frozen=True)
class Chapter:
    number: int
    slug: str
    short: Promise  # the chapter bar's label

    def get_absolute_url(self):
        return reverse("explainer:misconception", args=[self.slug])


CHAPTERS = (
    Chapter(1, "one-system", _("One system?")),
    Chapter(2, "data-sharing", _("Data sharing?")),
    Chapter(3, "points", _("Points?")),
    Chapter(4, "nosedive", _("Nosedive?")),
    Chapter(5, "citizens", _("Terrible for citizens?")),
)
BY_SLUG = {chapter.slug: chapter for chapter in CHAPTERS}
# Timeline steps name the chapters where they matter; the domain keeps the same slugs.
assert tuple(BY_SLUG) == CHAPTER_SLUGS, "systems.timeline.models.CHAPTER_SLUGS is out of date"


def neighbours(chapter: Chapter) -> tuple[Chapter | None, Chapter | None]:
    index = chapter.number - 1
    return (CHAPTERS[index - 1] if index > 0 else None,
            CHAPTERS[index + 1] if index + 1 < len(CHAPTERS) else None)
