"""`loaddata`, refusing anything that would not load exactly as written.

Before Django reads a file, `lint` checks it strictly and names the file, the object and
the field of every problem: no numeric primary keys (rows are addressed by natural keys),
JSON types that match the fields (no 2.7 read as 2, no list read as text, no number read
as a string), no natural key twice, no unsafe numbers or nesting, and references only to
rows that exist or are defined in the files being loaded (a row may refer to one defined
later). Then every row is validated, after forward references are resolved, and the rule
set is checked as a whole. Any problem refuses the whole load and the database is left as
it was. What a load changed is recorded in the history, with the file as the reason.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, models

from systems.checks import all_problems
from systems.engine import clear_cache
from systems.releases.models import DataVersion, tracked

MAX_DEPTH = 8  # a fixture is list → object → fields → value (→ key list); never deeper
MAX_DIGITS = 18
DECIMAL = re.compile(r"-?\d{1,12}(\.\d{1,12})?")


class InvalidRow(Exception):
    """A row that fails validation; the message names file, object and field."""


class Command(loaddata.Command):
    help = loaddata.Command.help + " Rows are validated; inconsistent rule sets are refused."

    def handle(self, *fixture_labels, **options):
        self.loaded: list[tuple[models.Model, str, bool]] = []  # (row, file, existed)
        self.labels = fixture_labels
        try:
            return super().handle(*fixture_labels, **options)
        except (InvalidRow, DeserializationError, DatabaseError, ValidationError) as error:
            # One line naming file, object and field instead of a traceback.
            raise CommandError(str(error)) from None
        finally:
            clear_cache()

    def find_all(self) -> list[str]:
        self.serialization_formats = serializers.get_public_serializer_formats()
        paths = []
        for label in self.labels:
            paths += [path for path, _dir, _name in self.find_fixtures(label)]
        return paths

    def loaddata(self, fixture_labels):
        paths = self.find_all()
        self.files = files_of(paths)
        # model label → the natural keys the files being loaded define (for references)
        defined: dict[str, set[str]] = defaultdict(set)
        for label, key in self.files:
            if isinstance(key, str):
                defined[label].add(key)
        problems = [problem for path in paths for problem in lint(path, defined)]
        if problems:
            raise CommandError("\n".join(problems))
        super().loaddata(fixture_labels)
        # Forward references are resolved now: validate every row as it was stored.
        for instance, path, _existed in self.loaded:
            instance.refresh_from_db()
            try:
                instance.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                raise InvalidRow(f"{path}: {describe(instance)}: " + "; ".join(
                    f"{field}: {' '.join(messages)}"
                    for field, messages in error.message_dict.items())) from None
        problems = all_problems()
        if problems:
            labels = ", ".join(fixture_labels)
            raise CommandError(f"Loading {labels} would leave inconsistent rules:\n  "
                               + "\n  ".join(problems))
        record_history(self.loaded)
        if self.loaded_object_count:
            DataVersion.bump()  # one step for the whole load, inside its transaction

    def save_obj(self, obj):
        instance = obj.object
        # Rows carry natural keys, never a pk (lint refuses one), so the deserializer set
        # the pk only where it found the row already in the database.
        existed = instance.pk is not None
        saved = super().save_obj(obj)
        if saved:
            path = self.files.get((instance._meta.label_lower, getattr(instance, "key", None)),
                                  "?")
            self.loaded.append((instance, path, existed))
        return saved


def describe(instance) -> str:
    return f"{instance._meta.label} '{getattr(instance, 'key', None) or instance.pk}'"


def record_history(loaded) -> None:
    """A history row for every loaded row that is new or differs from its last record
    (raw loads bypass django-simple-history's signals)."""
    by_model: dict[tuple, list] = defaultdict(list)
    for instance, path, existed in loaded:
        if not tracked(type(instance)):
            continue
        history = type(instance).history
        last = history.filter(**{type(instance)._meta.pk.attname: instance.pk}).first()
        if last is not None and not last.diff_against(
                type(last)(**{f.attname: getattr(instance, f.attname)
                              for f in history.model.tracked_fields})).changes:
            continue
        by_model[(type(instance), existed or last is not None, Path(path).name)].append(instance)
    for (model, existed, name), rows in by_model.items():
        model.history.bulk_history_create(rows, update=existed,
                                          default_change_reason=f"Loaded from {name}")


def strict_loads(text: str):
    """JSON with only finite numbers, integers of sane length, and shallow nesting."""
    def number(value: str) -> float:
        parsed = float(value)
        if not math.isfinite(parsed):
            raise ValueError(f"the number {value[:20]} is out of range")
        return parsed

    def integer(value: str) -> int:
        if len(value.lstrip("-")) > MAX_DIGITS:
            raise ValueError(f"an integer of {len(value)} digits is out of range")
        return int(value)

    def constant(value: str):
        raise ValueError(f"{value} is not a number")

    data = json.loads(text, parse_float=number, parse_int=integer, parse_constant=constant)
    if depth(data) > MAX_DEPTH:
        raise ValueError(f"values are nested more than {MAX_DEPTH} levels deep")
    return data


def depth(value, level: int = 1) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((depth(v, level + 1) for v in value.values()), default=level)
    if isinstance(value, list):
        return max((depth(v, level + 1) for v in value), default=level)
    return level


def read(path: str):
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"not a readable UTF-8 file: {error}") from None
    try:
        return strict_loads(text)
    except RecursionError:
        raise ValueError(f"values are nested more than {MAX_DEPTH} levels deep") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON: {error}") from None


def files_of(paths: list[str]) -> dict[tuple[str, str], str]:
    """(model label, key) → the file that defines it, for messages and history reasons."""
    found = {}
    for path in paths:
        try:
            data = read(path) if path.endswith(".json") else []
        except ValueError:
            continue
        for obj in data if isinstance(data, list) else []:
            if isinstance(obj, dict) and isinstance(obj.get("fields"), dict):
                found[(str(obj.get("model", "")).lower(), obj["fields"].get("key"))] = path
    return found


def lint(path: str, defined: dict[str, set[str]] | None = None) -> list[str]:
    """Problems in a JSON fixture, each naming file, object and field."""
    if not path.endswith(".json"):
        return []
    try:
        data = read(path)
    except ValueError as error:
        return [f"{path}: {error}"]
    if not isinstance(data, list):
        return [f"{path}: a fixture is a list of objects."]
    defined = defined or {}
    problems, seen = [], set()
    existing: dict[type, set[str]] = {}
    for number, obj in enumerate(data, 1):
        where = f"{path}: object {number}"
        if not isinstance(obj, dict) or not isinstance(obj.get("fields"), dict):
            problems.append(f"{where}: needs a \"model\" and a \"fields\" object.")
            continue
        extra = set(obj) - {"model", "fields"}
        if "pk" in extra:
            problems.append(f"{where}: has a numeric primary key (\"pk\"); rows are "
                            f"identified by their \"key\", so remove \"pk\".")
        elif extra:
            problems.append(f"{where}: unknown entries {', '.join(sorted(extra))}.")
        try:
            model = apps.get_model(str(obj.get("model", "")))
        except (LookupError, ValueError):
            problems.append(f"{where}: unknown model {str(obj.get('model'))[:60]!r}.")
            continue
        fields = obj["fields"]
        key = fields.get("key")
        where = f"{path}: {model._meta.label} '{key if isinstance(key, str) else number}'"
        if hasattr(model, "natural_key") and "key" in [f.name for f in model._meta.fields]:
            if not isinstance(key, str):
                problems.append(f"{where}: key: every row needs a \"key\" (text).")
            elif (model, key) in seen:
                problems.append(f"{where}: key: {key!r} appears twice in this file.")
            seen.add((model, key))
        for name, value in fields.items():
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                problems.append(f"{where}: unknown field {name[:40]!r}.")
                continue
            problem = check_value(field, value, defined, existing)
            if problem:
                problems.append(f"{where}: {name}: {problem}")
    return problems


def check_value(field, value, defined, existing) -> str:
    """What is wrong with one value for one field, or ''."""
    if value is None:
        return "" if field.null or field.many_to_many else "may not be empty (null)."
    if field.many_to_many:
        if not isinstance(value, list):
            return "give a list of keys, like [[\"key\"], ...]."
        return next((p for v in value if (p := check_reference(field, v, defined, existing))),
                    "")
    if field.is_relation:
        return check_reference(field, value, defined, existing)
    if isinstance(field, models.BooleanField):
        return "" if isinstance(value, bool) else f"give true or false, not {shown(value)}."
    if isinstance(field, models.JSONField):
        return "" if isinstance(value, dict) else f"give an object, not {shown(value)}."
    if isinstance(field, models.DecimalField):
        ok = (isinstance(value, str) and DECIMAL.fullmatch(value)) or (
            isinstance(value, int) and not isinstance(value, bool))
        if not ok:
            return f"give the number as text, like \"-10.5\", not {shown(value)}."
    elif isinstance(field, models.IntegerField):
        if not isinstance(value, int) or isinstance(value, bool):
            return f"give a whole number, not {shown(value)}."
    elif isinstance(field, (models.CharField, models.TextField, models.DateField)) and \
            not isinstance(value, str):
        return f"give text, not {shown(value)}."
    try:
        field.to_python(value)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def check_reference(field, value, defined, existing) -> str:
    target = field.related_model
    if not (isinstance(value, list) and len(value) == 1 and isinstance(value[0], str)):
        return f"refer to a {target._meta.object_name} by its key, like [\"key\"]."
    key = value[0]
    if key in defined.get(target._meta.label_lower, ()):
        return ""
    if target not in existing:
        existing[target] = set(target._default_manager.values_list("key", flat=True))
    if key not in existing[target]:
        return f"there is no {target._meta.object_name} with key {key[:60]!r}."
    return ""


def shown(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 30 else text[:30] + "…"
