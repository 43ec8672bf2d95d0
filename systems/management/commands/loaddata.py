"""`loaddata`, validating every object and the rule set as a whole before committing.

A malformed or inconsistent fixture fails naming the file, the object and the field, and
Django's transaction leaves the database as it was.
"""

import json

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError

from systems.checks import all_problems
from systems.engine import clear_cache
from systems.releases.models import DataVersion


class InvalidRow(Exception):
    """A row that fails validation; loaddata prefixes the fixture file's name."""


class Command(loaddata.Command):
    help = loaddata.Command.help + " Rows are validated; inconsistent rule sets are refused."

    def handle(self, *fixture_labels, **options):
        try:
            return super().handle(*fixture_labels, **options)
        except (InvalidRow, DeserializationError, DatabaseError, ValidationError) as error:
            # One line naming file, object and field instead of a traceback.
            raise CommandError(str(error)) from None
        finally:
            clear_cache()

    def save_obj(self, obj):
        instance = obj.object
        try:
            instance.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            name = getattr(instance, "key", None) or instance.pk
            fields = "; ".join(f"{field}: {' '.join(messages)}"
                               for field, messages in error.message_dict.items())
            raise InvalidRow(f"{instance._meta.label} '{name}': {fields}") from None
        return super().save_obj(obj)

    def load_label(self, fixture_label):
        problems = [problem for path, _dir, _name in self.find_fixtures(fixture_label)
                    for problem in lint(path)]
        if problems:
            raise CommandError("\n".join(problems))
        super().load_label(fixture_label)

    def loaddata(self, fixture_labels):
        super().loaddata(fixture_labels)
        problems = all_problems()
        if problems:
            labels = ", ".join(fixture_labels)
            raise CommandError(f"Loading {labels} would leave inconsistent rules:\n  "
                               + "\n  ".join(problems))
        if self.loaded_object_count:
            DataVersion.bump()  # one step for the whole load, inside its transaction


def lint(path: str) -> list[str]:
    """Field-level problems in a JSON fixture, each naming file, object and field.

    Django's deserializer stops at the first bad value without naming the field; this pass
    reads the file first so an editor sees every problem, and where it is, at once.
    """
    if not path.endswith(".json"):
        return []
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return [f"{path}: not a readable JSON file: {error}"]
    if not isinstance(data, list):
        return [f"{path}: a fixture is a list of objects."]
    problems = []
    for number, obj in enumerate(data, 1):
        where = f"{path}: object {number}"
        if not isinstance(obj, dict) or not isinstance(obj.get("fields"), dict):
            problems.append(f"{where}: needs a \"model\" and a \"fields\" object.")
            continue
        try:
            model = apps.get_model(obj.get("model", ""))
        except (LookupError, ValueError):
            problems.append(f"{where}: unknown model {obj.get('model')!r}.")
            continue
        where = f"{path}: {model._meta.label} '{obj['fields'].get('key', number)}'"
        for name, value in obj["fields"].items():
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                problems.append(f"{where}: unknown field {name!r}.")
                continue
            if field.is_relation or value is None:
                continue
            try:
                field.to_python(value)
            except ValidationError as error:
                problems.append(f"{where}: {name}: {' '.join(error.messages)}")
    return problems
