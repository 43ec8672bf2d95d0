"""The rule data as a whole: the stamp that moves with every change, and the releases that
decide what readers see (`publishing.py` proposes, approves and publishes them)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from systems.translated import translated


class DataVersion(models.Model):
    """A single row: how often the draft has changed and when, and which release readers see.

    Every save or delete in a systems app, and every `loaddata`, moves `number` on (the
    draft); publishing a release sets `release`. Caches and ETags key on these: editors'
    previews on the draft, readers' pages on the release alone, so an edit in the admin
    costs readers nothing until it is published.
    """

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)
    release = models.PositiveIntegerField(
        default=0, help_text=_("The latest published release (0: none yet)."))
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "data version"

    def __str__(self):
        return f"data version {self.number} ({self.changed_at:%Y-%m-%d}), release {self.release}"

    @classmethod
    def current(cls) -> "DataVersion":
        return cls.objects.get_or_create(pk=1)[0]


class ReleaseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=Release.State.PUBLISHED)

    def proposed(self):
        return self.filter(state=Release.State.PROPOSED)

    def latest_published(self):
        return self.published().order_by("-number").first()


class Release(models.Model):
    """A numbered release of the rule data, with a note for readers: what they see.

    A release freezes the draft as it stood when it was proposed (`contents`: the history
    record of every row), so readers, embeds and the API read exactly those rows until the
    next release, and `rules=<number>` reads them for ever. A minor release is published
    at once; a major one waits for a second editor's approval (see `publishing.py`).
    """

    class Kind(models.TextChoices):
        MAJOR = "major", _("major: it changes what a reader would conclude")
        MINOR = "minor", _("minor: wording, a source link, a correction of detail")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("proposed, waiting for a second editor")
        PUBLISHED = "published", _("published")

    number = models.PositiveIntegerField(unique=True, null=True, editable=False,
                                         help_text=_("Given when it is published."))
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROPOSED,
                             editable=False)
    kind = models.CharField(
        max_length=5, choices=Kind.choices,
        help_text=_("A major release must be approved by a second editor before readers "
                    "see it."))
    note = translated(models.TextField(
        help_text=_("What changed and why, in plain words: readers see this on What "
                    "changed and in its feed.")))
    contents = models.JSONField(
        default=dict, editable=False,
        help_text=_("The history record of every row it publishes, by model."))
    based_on = models.PositiveIntegerField(
        default=0, editable=False,
        help_text=_("The release readers saw when this one was proposed (0: none)."))
    proposed_at = models.DateTimeField(default=timezone.now, editable=False)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, editable=False,
                                    related_name="+")
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, editable=False,
                                     related_name="+")
    self_approved = models.BooleanField(
        default=False, editable=False,
        help_text=_("A major release its own proposer approved, as the site's settings "
                    "allow (RELEASE_SELF_APPROVAL)."))
    data_version = models.PositiveBigIntegerField(
        default=0, editable=False, help_text=_("The data version this release captured."))

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = [models.F("number").desc(nulls_first=True), "-proposed_at"]
        permissions = [("approve_release", "Can approve a release another editor proposed")]

    def __str__(self):
        if self.number is None:
            return f"{_('Proposed release')} ({self.proposed_at:%Y-%m-%d %H:%M})"
        when = f" ({self.published_at:%Y-%m-%d})" if self.published_at else ""
        return f"{_('Release')} {self.number}{when}"

    @property
    def is_major(self) -> bool:
        return self.kind == self.Kind.MAJOR

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    def previous(self) -> "Release | None":
        """The published release before this one (for a proposal: the one it builds on)."""
        if self.number is None:
            return Release.objects.published().filter(number=self.based_on).first()
        return Release.objects.published().filter(number__lt=self.number) \
            .order_by("-number").first()


def data_models() -> list:
    """The models whose rows decide what readers see (not their history tables)."""
    from django.apps import apps

    from systems.models import DATA_APPS
    from systems.rows import tracked
    return [m for m in apps.get_models() if m._meta.app_label in DATA_APPS and tracked(m)]
