"""Delete class polls older than their 7 days, with their counts. Run it daily (cron, a
systemd timer), from one machine:

    manage.py purge_classes
"""

from django.core.management.base import BaseCommand

from explainer.lessons.models import LIFETIME, ChoiceCount, Poll


class Command(BaseCommand):
    help = f"Delete class polls started more than {LIFETIME.days} days ago, and their counts."

    def handle(self, *args, **options):
        _total, deleted = Poll.objects.expired().delete()  # the counts go with their poll
        polls, counts = deleted.get(Poll._meta.label, 0), deleted.get(ChoiceCount._meta.label, 0)
        self.stdout.write(f"Deleted {polls} expired class poll(s) and {counts} count(s).")
