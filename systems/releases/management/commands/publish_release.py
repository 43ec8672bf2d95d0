"""Publish a release of the rule data from the command line (editors use the admin).

    manage.py publish_release --kind major --note "Rongcheng's 2024 schedule"
    manage.py publish_release --first     # release 1, only if there is none yet

Whoever runs this has the server's shell, so a major release is published at once (in the
admin, a major release waits for a second editor). The same checks apply: nothing is
published that would change nothing, or that `manage.py check` would refuse.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy

from systems.releases.models import Release
from systems.releases.publishing import Refused, publish_now
from systems.translated import in_every_language

FIRST_NOTE = gettext_lazy("The rules as first published, after the November 2026 fact check.")


class Command(BaseCommand):
    help = "Publish a dated release of the rule data with a note for readers."

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=[k for k, _label in Release.Kind.choices],
                            default=Release.Kind.MAJOR)
        parser.add_argument("--note", default="")
        parser.add_argument("--first", action="store_true",
                            help="Publish release 1 with the data as first published, "
                                 "unless a release exists already.")

    def handle(self, *args, kind, note, first, **options):
        if first:
            if Release.objects.published().exists():
                self.stdout.write("A release exists already; nothing to do.")
                return
            # Readers see it on the changes page and feed in their language.
            note = note or in_every_language(FIRST_NOTE)
        if isinstance(note, str) and not note.strip():
            raise CommandError("Say what changed, for readers: --note \"...\".")
        try:
            release = publish_now(kind, note)
        except Refused as refused:
            raise CommandError("\n".join(refused.messages)) from None
        self.stdout.write(f"Published release {release.number} ({release.published_at:%Y-%m-%d}).")
