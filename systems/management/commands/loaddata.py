"""`loaddata`, validating every object and the rule set as a whole before committing.

A malformed or inconsistent fixture fails naming the file, the object and the field, and
Django's transaction leaves the database as it was.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.management.commands import loaddata

from systems.checks import all_problems
from systems.engine import clear_cache


class Command(loaddata.Command):
    help = loaddata.Command.help + " Rows are validated; inconsistent rule sets are refused."

    def save_obj(self, obj):
        instance = obj.object
        try:
            instance.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            name = getattr(instance, "key", None) or instance.pk
            fields = "; ".join(f"{field}: {' '.join(messages)}"
                               for field, messages in error.message_dict.items())
            raise CommandError(f"{instance._meta.label} '{name}': {fields}") from None
        return super().save_obj(obj)

    def loaddata(self, fixture_labels):
        super().loaddata(fixture_labels)
        problems = all_problems()
        clear_cache()
        if problems:
            labels = ", ".join(fixture_labels)
            raise CommandError(f"Loading {labels} would leave inconsistent rules:\n  "
                               + "\n  ".join(problems))
