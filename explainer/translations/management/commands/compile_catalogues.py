from django.core.management.base import BaseCommand

from explainer.translations.catalogues import catalogues, compile_all


class Command(BaseCommand):
    help = ("Compile locale/*/LC_MESSAGES/django.po to .mo with polib (no GNU gettext "
            "needed); only those whose .po changed since.")

    def handle(self, *args, **options):
        written = compile_all()
        self.stdout.write(f"{len(written)} of {len(catalogues())} catalogues compiled.")
