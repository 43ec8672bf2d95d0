"""Publishing: freezing the draft into a release, and the gate a release passes.

`propose()` freezes the draft as it is now (the latest history record of every row) and
checks it. A release is never made that would change nothing, that `manage.py check` would
refuse, that would rename or remove a published scheme's system key or place (readers'
links use them), or while another waits for approval (the draft holds its changes). A
minor release is published at once, and may change only words, sources and notes: one
that changes what the data states is major, and waits until a second editor `approve()`s
it (settings.RELEASE_SELF_APPROVAL lets a one-person site approve its own, recorded as
such). Publishing moves the release readers see on every server.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from systems.models import ChangeRoad
from systems.translated import as_columns

from . import history, version
from .models import DataVersion, Release, data_models


class Refused(Exception):
    """A release that may not be made or published; `messages` says why, in full."""

    def __init__(self, messages):
        self.messages = list(messages)
        super().__init__(" ".join(self.messages))


def lock() -> None:
    """Hold the data version's row: saves (which move it) wait until the release is made,
    so a release never captures half of a concurrent save."""
    DataVersion.current()
    DataVersion.objects.select_for_update().filter(pk=1).first()


def latest_ids(model) -> dict:
    pk = model._meta.pk.attname
    return dict(model.history.values(pk).annotate(last=Max("history_id"))
                .values_list(pk, "last"))


def record_unrecorded(user=None) -> int:
    """Give every row whose latest history record is not what the table holds (a row
    written around the ORM, or from before history was kept) a record, as it is now."""
    count = 0
    for model in data_models():
        latest = latest_ids(model)
        records = {getattr(r, model._meta.pk.attname): r
                   for r in model.history.filter(history_id__in=list(latest.values()))}
        new, changed = [], []
        for row in model._default_manager.all():
            record = records.get(row.pk)
            if record is None or record.history_type == "-":
                new.append(row)
            elif history.differs(row, record):
                changed.append(row)
        for rows, kind in ((new, "+"), (changed, "~")):
            if rows:
                history.record(model, rows, history_type=kind,
                               reason=_("Recorded as the table held it"),
                               via=ChangeRoad.Via.ADMIN if user else ChangeRoad.Via.COMMAND,
                               user=user)
        count += len(new) + len(changed)
    return count


def freeze() -> dict[str, list[int]]:
    """The draft as a release holds it: the latest history record of every row."""
    from systems.rows import manifest_key
    contents = {}
    for model in data_models():
        latest = latest_ids(model)
        pks = model._default_manager.values_list("pk", flat=True)
        contents[manifest_key(model)] = sorted(latest[pk] for pk in pks if pk in latest)
    return contents


def refusals(contents: dict, latest: Release | None) -> list[str]:
    """Why these contents may not be published after `latest`, or []."""
    from systems.checks import all_problems
    from systems.rows import Rows
    if latest is not None and latest.contents == contents:
        return [_("Nothing to publish: the draft is the same as release %(n)s.") % {
            "n": latest.number}]
    rows = Rows(Release(contents=contents))
    problems = all_problems(rows)
    if problems:
        return [_("The rules would not hold together, so they cannot be released; "
                  "fix these first:"), *problems]
    return contract_refusals(rows, latest)


def contract_refusals(rows, latest: Release | None) -> list[str]:
    """Readers' links and the API name a published scheme's system and place: a release
    may add them, never rename or remove them (a scheme that ended stays, its pilot's
    state saying so)."""
    if latest is None:
        return []
    from systems import engine
    from systems.pilots.models import Scheme
    before = engine.rows(engine.of(latest)).all(Scheme)
    after = rows.all(Scheme)
    systems, places = {s.system for s in after}, {s.residence for s in after}
    return [_("The scheme '%(key)s' is published with the system key '%(system)s' and the "
              "place '%(place)s', which readers' links and the API use: keep both.") % {
        "key": s.key, "system": s.system, "place": s.residence}
        for s in before if s.system not in systems or s.residence not in places]


def pending_refusals() -> list[str]:
    """A proposal waiting for approval blocks the next: the draft holds its changes, so
    any release now would publish them without the second editor."""
    waiting = Release.objects.proposed().select_related("proposed_by").first()
    if waiting is None:
        return []
    who = getattr(waiting.proposed_by, "username", "") or _("the command line")
    return [_("A release %(who)s proposed on %(when)s is waiting for a second editor. "
              "Approve it or withdraw it first: a release now would publish its changes "
              "too.") % {"who": who, "when": f"{waiting.proposed_at:%Y-%m-%d %H:%M}"}]


def propose(kind: str, note: str | dict[str, str], user=None) -> Release:
    """Freeze the draft as a release; publish it at once if it is minor. `note` is the
    English note for readers, or {language: note}."""
    with transaction.atomic():
        lock()
        if found := pending_refusals():
            raise Refused(found)
        record_unrecorded(user)
        contents = freeze()
        latest = Release.objects.latest_published()
        if found := refusals(contents, latest) or kind_refusals(kind, contents, latest):
            raise Refused(found)
        release = Release.objects.create(
            kind=kind, **as_columns("note", note), contents=contents, proposed_by=user,
            based_on=latest.number if latest else 0,
            data_version=DataVersion.current().number)
        if not release.is_major:
            publish(release, user)
    return release


def kind_refusals(kind: str, contents: dict, latest: Release | None) -> list[str]:
    """A release that changes what the data states (a value, a threshold, a rule, a
    pilot's state; not only words, sources or notes) is major, whatever it is called: a
    second editor must approve it."""
    if kind == Release.Kind.MAJOR or latest is None:
        return []
    from systems import engine
    from systems.rows import Rows

    from .changes import diff, states_a_fact
    facts = [c for c in diff(engine.rows(engine.of(latest)),
                             Rows(Release(contents=contents))).changes if states_a_fact(c)]
    if not facts:
        return []
    return [_("This release changes what the data states (%(rows)s), so it is major: "
              "propose it as major, for a second editor to approve.") % {
        "rows": ", ".join(c.what for c in facts[:4]) + ("…" if len(facts) > 4 else "")}]


def approval_refusals(release: Release, user) -> list[str]:
    """Why `user` may not approve `release`, or []."""
    if release.is_published:
        return [_("This release is published already.")]
    latest = Release.objects.latest_published()
    if (latest.number if latest else 0) != release.based_on:
        return [_("Release %(n)s was published after this one was proposed, so this one "
                  "would undo it. Withdraw this proposal and propose the draft again.") % {
            "n": latest.number if latest else 0}]
    if release.is_major and same_person(release.proposed_by, user) \
            and not settings.RELEASE_SELF_APPROVAL:
        return [_("A major release needs a second editor: someone other than its proposer "
                  "must approve it.")]
    return refusals(release.contents, latest)


def same_person(a, b) -> bool:
    return (a.pk if a else None) == (b.pk if b else None)


def approve(release: Release, user) -> Release:
    """Publish a proposed release on a second editor's word."""
    with transaction.atomic():
        lock()
        release = Release.objects.select_for_update().get(pk=release.pk)
        if found := approval_refusals(release, user):
            raise Refused(found)
        return publish(release, user)


def publish(release: Release, user) -> Release:
    """Give the release the next number and make it what readers see, everywhere."""
    last = Release.objects.published().aggregate(n=Max("number"))["n"] or 0
    release.number = last + 1
    release.state = Release.State.PUBLISHED
    release.published_at = timezone.now()
    release.published_by = user
    release.self_approved = release.is_major and same_person(release.proposed_by, user)
    release.save()
    version.bump(release=release.number, released_at=release.published_at)
    return release


def publish_now(kind: str, note: str | dict[str, str], user=None) -> Release:
    """Propose and publish in one step (the command line, and release 1 of a new site)."""
    with transaction.atomic():
        release = propose(kind, note, user)
        return release if release.is_published else publish(release, user)


class _Rollback(Exception):
    pass


def draft_refusals(kind: str | None = None) -> list[str]:
    """Why the draft could not be released now (as a release of this kind, if given), or
    []: what `propose` would say, with nothing written."""
    found: list[str] = pending_refusals()
    if found:
        return found
    try:
        with transaction.atomic():
            record_unrecorded()
            contents, latest = freeze(), Release.objects.latest_published()
            found = refusals(contents, latest) or (
                kind_refusals(kind, contents, latest) if kind else [])
            raise _Rollback
    except _Rollback:
        pass
    return found
