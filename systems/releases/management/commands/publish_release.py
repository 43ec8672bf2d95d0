"""Publish a release of the rule data from the command line (editors use the admin).

    manage.py publish_release --kind major --note "Rongcheng's 2024 schedule"
    manage.py publish_release --first     # release 1, only if there is none yet
"""

from django.core.management.base import BaseCommand, CommandError

from systems.releases.models import Release


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
            if Release.objects.exists():
                self.stdout.write("A release exists already; nothing to do.")
                return
            note = note or "The rules as first published, after the November 2026 fact check."
        if not note.strip():
            raise CommandError("Say what changed, for readers: --note \"...\".")
        release = Release.publish(kind, note)
        self.stdout.write(f"Published release {release.number} ({release.published_at:%Y-%m-%d}).")
