"""Give an empty database the shipped rule data, once.

    manage.py seed

Loads every fixture (RULE_FIXTURES, through the validating loaddata) and publishes release
1, but only into a database with no rule data yet: a first deploy gets a working site,
and a later deploy never overwrites what editors have changed since. `make serve` and the
containers' setup step run it after `migrate`.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from systems.models import Source


class Command(BaseCommand):
    help = "Load the shipped rule data and publish release 1, if the database has none."

    def handle(self, *args, **options):
        if Source.objects.exists():
            self.stdout.write("The database holds rule data already; nothing loaded.")
            return
        call_command("loaddata", *settings.RULE_FIXTURES, verbosity=0, by="seed",
                     reason="The rules as first shipped")
        call_command("publish_release", first=True, stdout=self.stdout)
        self.stdout.write(f"Loaded {', '.join(settings.RULE_FIXTURES)}.")
