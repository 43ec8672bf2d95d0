"""A class poll: how many students of one class chose each answer, and nothing else.

A poll holds the chapter and the record the class looks at, its short code for students,
a hash of the teacher's secret, what the teacher has decided (revealed, closed) and
counts: how many answered, and per system and choice how many chose it. No row says who
answered, when, from where, or which guesses came from the same student.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from . import predict

# Letters and digits nobody misreads on a board (no 0/O, 1/I/L) and no vowels, so no code
# spells a word: 27**6, about 387 million codes.
CODE_ALPHABET = "BCDFGHJKMNPQRSTVWXZ23456789"
CODE_LENGTH = 6
LIFETIME = timedelta(days=7)


def code_is_well_formed(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code)


def digest(secret: str) -> str:
    """What the database keeps of the teacher's secret: someone who reads the table
    cannot open the teacher's page."""
    return hashlib.sha256(secret.encode()).hexdigest()


class PollQuerySet(models.QuerySet):
    def live(self, now=None):
        """Polls whose code still works (younger than LIFETIME), closed or not."""
        return self.filter(created__gt=(now or timezone.now()) - LIFETIME)

    def expired(self, now=None):
        return self.filter(created__lte=(now or timezone.now()) - LIFETIME)

    def started_since(self, moment):
        return self.filter(created__gte=moment)


class PollManager(models.Manager.from_queryset(PollQuerySet)):
    def start(self, chapter: str, query: str, questions) -> tuple[Poll, str]:
        """A new poll with a fresh code and a count at zero for each question and choice.
        Returns (poll, the teacher's secret): the secret is shown once, in the teacher's
        address, and only its digest is stored."""
        secret = secrets.token_urlsafe(24)
        for _attempt in range(20):
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            try:
                with transaction.atomic():
                    poll = self.create(code=code, secret_hash=digest(secret),
                                       chapter=chapter, query=query)
                    # Every count exists from the start, so counting is only ever an
                    # UPDATE (no race between two first answers to create the same row).
                    ChoiceCount.objects.bulk_create(
                        ChoiceCount(poll=poll, question=key, choice=choice)
                        for key in questions for choice, _label in predict.CHOICES)
                return poll, secret
            except IntegrityError:  # the code is taken (one in millions): draw again
                continue
        raise RuntimeError("No free class code after 20 draws.")


class Poll(models.Model):
    code = models.CharField(max_length=CODE_LENGTH, unique=True)
    secret_hash = models.CharField(max_length=64)
    chapter = models.CharField(max_length=40)
    query = models.CharField(max_length=2048, blank=True,
                             help_text="The record's permalink query, as the chapter reads it.")
    created = models.DateTimeField(default=timezone.now, db_index=True)
    answered = models.PositiveIntegerField(default=0)
    revealed = models.BooleanField(default=False)
    closed = models.BooleanField(default=False)
    # The throttle's fixed window: the minute it covers and how many answers came in it.
    window_start = models.DateTimeField(null=True, blank=True)
    window_count = models.PositiveIntegerField(default=0)

    objects = PollManager()

    def __str__(self):
        return self.code

    @property
    def expires(self):
        return self.created + LIFETIME

    def opens_with(self, secret: str) -> bool:
        return hmac.compare_digest(self.secret_hash, digest(secret))

    def counts(self) -> dict[str, dict[str, int]]:
        """{system key: {choice: how many chose it}}, every question and choice present."""
        found: dict[str, dict[str, int]] = {}
        for question, choice, n in self.choicecount_set.values_list("question", "choice", "n"):
            found.setdefault(question, {})[choice] = n
        return found

    def set_revealed(self, revealed: bool) -> None:
        Poll.objects.filter(pk=self.pk).update(revealed=revealed)

    def set_closed(self, closed: bool) -> None:
        Poll.objects.filter(pk=self.pk).update(closed=closed)

    def reset(self) -> None:
        """Every count back to zero, and the split hidden again."""
        with transaction.atomic():
            Poll.objects.filter(pk=self.pk).update(answered=0, revealed=False)
            self.choicecount_set.update(n=0)

    def count(self, guesses: dict[str, str]) -> int:
        """Add one to the count of each (question, choice) in `guesses`; how many exist.
        Run inside the transaction that claimed the answer (`tally.record`)."""
        found = 0
        for question, choice in sorted(guesses.items()):  # one order: no lock cycles
            found += self.choicecount_set.filter(question=question, choice=choice).update(
                n=F("n") + 1)
        return found


class ChoiceCount(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE)
    question = models.CharField(max_length=40, help_text="A system's key.")
    # One of predict.CHOICES' keys (not `choices=`: their wording is no schema change).
    choice = models.CharField(max_length=20)
    n = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("poll", "question", "choice"),
                                               name="lessons_one_count_per_choice")]

    def __str__(self):
        return f"{self.poll_id} {self.question} {self.choice}: {self.n}"
