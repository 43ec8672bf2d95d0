"""Make an editor: a staff account in the Editors group, nothing more.

    manage.py createeditor ada --email ada@example.org
    DJANGO_EDITOR_PASSWORD=... manage.py createeditor ada --noinput
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create an editor account (staff, in the Editors group, not a superuser)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--noinput", "--no-input", action="store_false",
                            dest="interactive",
                            help="Read the password from DJANGO_EDITOR_PASSWORD.")

    def handle(self, *args, username, email, interactive, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"There is already an account called {username!r}.")
        try:
            group = Group.objects.get(name="Editors")
        except Group.DoesNotExist:
            raise CommandError("There is no Editors group: run manage.py migrate first.") \
                from None
        password = os.environ.get("DJANGO_EDITOR_PASSWORD", "")
        if not password:
            if not interactive:
                raise CommandError("Set DJANGO_EDITOR_PASSWORD, or run without --noinput.")
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords differ.")
        user = User(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user.set_password(password)
        user.save()
        user.groups.add(group)
        self.stdout.write(f"Editor {username!r} created; sign in at /admin/.")
