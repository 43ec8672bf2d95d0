"""Which data is read: readers get the latest published release, editors may preview
the draft.

An edition is the rule data as one audience sees it: a published release (what readers,
embeds, the API and oEmbed show; `rules=<n>` pins an earlier one) or the draft (the
tables editors change in the admin and through `loaddata`, shown only to signed-in
editors who ask to preview it). The request's edition is set once per request
(`explainer.serving.middleware.EditionMiddleware`); outside a request (commands, the
shell, tests) code reads the draft, which in-process signals keep fresh.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

from django.core import signing

from .models import Release
from .version import Version

# An editor previewing the draft carries this cookie: signed, naming their account, so a
# reader can neither forge it nor (by sending any cookie) make the page cache step aside.
PREVIEW_COOKIE = "draft_preview"
PREVIEW_SECONDS = 12 * 3600
PREVIEW_PERMISSION = "releases.view_release"  # the Editors group has it
_SALT = "systems.releases.editions.preview"


def may_preview(user) -> bool:
    return bool(user is not None and user.is_active and user.is_staff
                and user.has_perm(PREVIEW_PERMISSION))


def preview_token(user) -> str:
    return signing.dumps(user.pk, salt=_SALT)


def previewer(value: str | None):
    """The account a preview cookie names, if it is genuine and not too old; else None."""
    if not value:
        return None
    try:
        return signing.loads(value, salt=_SALT, max_age=PREVIEW_SECONDS)
    except signing.BadSignature:
        return None


@dataclass(frozen=True)
class Edition:
    release: Release | None  # None: the draft
    token: tuple | None  # what caches key on; None outside a request (kept by signals)
    as_of: datetime | None = None  # when the rules last changed, as readers are told

    @property
    def is_draft(self) -> bool:
        return self.release is None


DRAFT = Edition(None, None)
_current: ContextVar[Edition] = ContextVar("edition", default=DRAFT)


def current() -> Edition:
    return _current.get()


def activate(edition: Edition):
    """Make `edition` the current one; returns a token for `deactivate`."""
    return _current.set(edition)


def deactivate(token) -> None:
    _current.reset(token)


def draft(version: Version) -> Edition:
    return Edition(None, version.draft, version.changed_at)


def published(version: Version) -> Edition:
    """What readers see: the latest release (or, on a site that has never published one,
    the draft: a fresh database shows its data rather than nothing)."""
    if not version.release:
        return draft(version)
    release = release_numbered(version.release, version.released_at)
    if release is None:  # a number the table does not hold (a restored backup): its latest
        release = Release.objects.latest_published()
        if release is None:
            return draft(version)
        return pinned(release)
    return Edition(release, version.published, release.published_at)


def pinned(release: Release) -> Edition:
    return Edition(release, ("release", release.number, release.published_at),
                   release.published_at)


_known: dict[tuple, Release] = {}


def release_numbered(number: int, published_at) -> Release | None:
    """A published release, read once per process (a published release never changes;
    its date tells it apart from another of that number in a restored database)."""
    found = _known.get((number, published_at))
    if found is None:
        found = Release.objects.published().filter(number=number).first()
        if found is not None:
            if len(_known) > 64:
                _known.clear()
            _known[(number, published_at)] = found
    return found


def for_request(version: Version, editor_previews: bool) -> Edition:
    return draft(version) if editor_previews else published(version)


@contextmanager
def using(edition: Edition | None):
    """Read `edition` for a while (None: stay with the current one)."""
    if edition is None:
        yield
        return
    token_ = activate(edition)
    try:
        yield
    finally:
        deactivate(token_)


def token() -> tuple | None:
    """What a cache of anything read from the current edition keys on."""
    return current().token
