"""Counting a class's guesses: `record(code, guesses)` adds one student's answer.

Only counts change: the poll's `answered` and, per system and choice, how many chose it.
Nothing about the student is read or kept (no IP address, cookie, session or user agent),
and nothing links the guesses of one answer to each other once counted.

Correct with several app servers on one PostgreSQL, with no state in any process: an
answer is claimed by one conditional UPDATE of the poll's row (open, not expired, under
the throttle), which takes the row's lock until the transaction ends, and each count is
`n = n + 1` in the database (F expressions), so concurrent answers are serialised per
class and none is lost. The first statement is a write, so SQLite (a single writer) makes
concurrent answers wait their turn instead of failing.

The throttle is a fixed window per class, kept in the poll's own row: the minute it covers
and how many answers came in it. The row is written for every answer anyway, so this costs
no extra round trip, is exact across app servers and does not depend on the cache (which
is per process without Redis, and may be down).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import LIFETIME, Poll, code_is_well_formed

# A class of 40 answering together, a second simulation, and a few who send again: 120 a
# minute leaves room for that and stops a script from filling a class's counts.
ANSWERS_PER_MINUTE = 120
# The split is shown only when at least this many have answered: in a smaller group one
# student's answer could be picked out (the "mosaic effect" a university's Kahoot policy
# warns of for classes of ten or fewer).
REVEAL_AT = 10


class _NothingToCount(Exception):
    pass


def normalise(code: str) -> str:
    return (code or "").strip().upper()


def record(code: str, guesses: dict[str, str]) -> str:
    """Count one student's guesses ({system key: choice}) for the class `code`.

    Returns "" when counted, or a sentence for the student saying why not (the code is
    unknown or expired, the class is closed, too many answers this minute, no guess that
    this class asks about). Guesses for a system the class does not ask about, or with a
    value that is not one of the three choices, are left out; if none is left, nothing
    is counted."""
    code = normalise(code)
    if not code_is_well_formed(code):
        return unknown(code)
    guesses = {key: value for key, value in (guesses or {}).items()
               if isinstance(key, str) and isinstance(value, str)}
    if not guesses:
        return _("Choose an answer for at least one system.")
    now = timezone.now()
    try:
        with transaction.atomic():
            if not _claim(code, now):
                return check(code, now) or _throttled()
            poll = Poll.objects.get(code=code)
            if not poll.count(guesses):
                raise _NothingToCount  # rolls the claim back
    except _NothingToCount:
        return _("None of these answers is one this class asks for.")
    return ""


def check(code: str, now=None) -> str:
    """"" when the class `code` takes answers now (throttle aside), or why it does not."""
    code = normalise(code)
    if not code_is_well_formed(code):
        return unknown(code)
    poll = Poll.objects.live(now).filter(code=code).first()
    if poll is None:
        return unknown(code)
    if poll.closed:
        return _("Your teacher has closed this class, so answers are no longer counted.")
    return ""


def unknown(code: str) -> str:
    return _("There is no class with the code %(code)s. Check the code with your teacher: "
             "codes stop working %(days)d days after the class was started.") % {
        "code": code[:12] or "-", "days": LIFETIME.days}


def _throttled() -> str:
    return _("Many answers reached this class in the last minute. Wait a minute, then send "
             "yours again.")


def _claim(code: str, now) -> bool:
    """Take one place in the class's throttle window and add one to `answered`, in one
    UPDATE each; False when the class is unknown, expired, closed or full this minute."""
    minute = now.replace(second=0, microsecond=0)
    open_polls = Poll.objects.live(now).filter(code=code, closed=False)
    claim = {"answered": F("answered") + 1, "window_count": F("window_count") + 1}
    this_minute = Q(window_start=minute, window_count__lt=ANSWERS_PER_MINUTE)
    if open_polls.filter(this_minute).update(**claim):
        return True
    # The first answer of a new minute opens the window. Two at once: the second waits
    # for the first's row lock, finds the window already opened (0 rows) and tries again.
    if open_polls.exclude(window_start=minute).update(window_start=minute, window_count=1,
                                                      answered=F("answered") + 1):
        return True
    return bool(open_polls.filter(this_minute).update(**claim))
