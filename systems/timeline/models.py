"""The national picture as dated, sourced steps: what editors keep current, and what the
timeline page, the chapters and the API read (through a release, like every rule)."""

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from systems.models import PUBLISHED_RE, SourcedRow
from systems.translated import suffix, texts, translated

# The walk-through's chapters, by slug (explainer/chapters.py names the same five): the
# data says where a step matters, the pages link to it from there.
CHAPTER_SLUGS = ("one-system", "data-sharing", "points", "nosedive", "citizens")


class Step(SourcedRow):
    """One dated step: what happened, why it matters, on what authority."""

    VALUE_FIELDS = ("date", "text_en")

    class Topic(models.TextChoices):
        PLAN = "plan", _("plans and policy")
        LAW = "law", _("law")
        COURTS = "courts", _("the court list")
        LISTS = "lists", _("other lists and joint punishment")
        CREDIT_REPORTING = "credit-reporting", _("credit reporting")
        PILOTS = "pilots", _("local pilots")
        SANCTIONS = "sanctions", _("sanctions")

    date = models.CharField(
        max_length=10, help_text=_("YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source."))
    title = translated(models.CharField(max_length=120))
    text = translated(models.TextField(help_text=_("One to three sentences, plain text.")))
    topic = models.CharField(max_length=20, choices=Topic.choices)
    chapters = models.CharField(
        max_length=100, blank=True,
        help_text=format_lazy(_("The chapters where this step matters, space-separated: "
                                "{chapters}."), chapters=" ".join(CHAPTER_SLUGS)))

    class Meta:
        ordering = ["date", "key"]
        verbose_name = "timeline step"

    @property
    def chapter_slugs(self) -> tuple[str, ...]:
        return tuple(self.chapters.split())

    @property
    def year(self) -> str:
        return self.date[:4]

    def problems(self):
        found = super().problems()
        if not PUBLISHED_RE.fullmatch(self.date or ""):
            found.append(("date", "Use YYYY, YYYY-MM or YYYY-MM-DD."))
        unknown = [slug for slug in self.chapter_slugs if slug not in CHAPTER_SLUGS]
        if unknown:
            found.append(("chapters", f"No chapter {', '.join(map(repr, unknown))}; the "
                                      f"chapters are {', '.join(CHAPTER_SLUGS)}."))
        if not self.text_en.strip():
            found.append(("text_en", "Say what happened."))
        for code, text in texts(self, "text").items():
            if "\n\n" in text:
                found.append((f"text_{suffix(code)}",
                              "One paragraph: readers see it in one line."))
        return found

    def __str__(self):
        return f"{self.date}: {self.title}"
