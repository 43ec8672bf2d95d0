"""Print the sources, rules and dated statements of the page text nobody has checked for a
while (the review queue).

    manage.py stale              # not checked for REVIEW_AFTER_MONTHS months (default 12)
    manage.py stale --months 6
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from systems.editing.review import stale, stale_statements


class Command(BaseCommand):
    help = "List sources and rules not checked for a number of months."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=None,
                            help=f"default: {settings.REVIEW_AFTER_MONTHS}")

    def handle(self, *args, months, **options):
        if months is not None and months < 0:
            from django.core.management.base import CommandError
            raise CommandError("--months must be 0 or more.")
        found = stale(months)
        statements = stale_statements(months)
        total = sum(len(rows) for _model, rows in found) + len(statements)
        months = settings.REVIEW_AFTER_MONTHS if months is None else months
        self.stdout.write(f"{total} not checked for {months} months or more.")
        for model, rows in found:
            self.stdout.write(f"\n{model._meta.verbose_name_plural.capitalize()}:")
            for row in rows:
                self.stdout.write(f"  {row.checked}  {row.key}  ({row.status})")
        if statements:
            self.stdout.write("\nStatements in the page text (the as-of- line in the page's "
                              "front matter records when they were checked):")
            for line in statements:
                self.stdout.write(f"  {line}")
