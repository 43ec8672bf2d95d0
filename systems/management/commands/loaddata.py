"""`loaddata`, refusing anything that would not load exactly as written, or that would
undo an editor's work without asking.

    manage.py loaddata sources pilots --reason "Xiamen's city score, from Nesta 2023"
    manage.py loaddata pilots --reason "..." --overwrite   # replace unexported admin edits

Before Django reads a file, `lint` checks it strictly and names the file, the object and
the field of every problem: no numeric primary keys (rows are addressed by natural keys),
JSON types that match the fields (no 2.7 read as 2, no list read as text, no number read
as a string), no NUL characters, web addresses that are plain http(s) addresses, no
natural key twice, no two rows that a unique constraint keeps apart, no numbers out of
range or nesting too deep, and references only to rows that exist or are defined in the
files being loaded (a row may refer to one defined later). Then every row is validated,
after forward references are resolved, and the rule set is checked as a whole.

A row whose current value came from the admin (or the shell) and that the files would
change is listed, and the load refused, unless `--overwrite` says to replace it: an edit
nobody exported with `export_fixtures` is never lost silently. Any problem refuses the
whole load and the database is left as it was.

What a load changed is recorded in each row's history, with `--reason` (required; readers
see it on What changed) and who ran it (`--by`, by default the login name; an editor's
account when one has that name). The load changes the draft; readers see it once a
release is published.
"""

from __future__ import annotations

import getpass
import json
import math
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, models
from django.utils.formats import date_format
from django.utils.timezone import localtime

from systems.checks import all_problems
from systems.editing.impact import compare, everything
from systems.engine import clear_cache
from systems.models import ChangeRoad, Feed, plain_url_problem
from systems.releases import history, version
from systems.rows import Rows, tracked
from systems.translated import columns

MAX_DEPTH = 8  # a fixture is list → object → fields → value (→ key list); never deeper
MAX_DIGITS = 18
DECIMAL = re.compile(r"-?\d{1,12}(\.\d{1,12})?")


class InvalidRow(Exception):
    """A row that fails validation; the message names file, object and field."""


class DryRun(Exception):
    """Raised to roll a --dry-run load back, once it is checked."""


class OutOfRange:
    """A number JSON can write but no field can hold; `lint` names where it stands."""

    def __init__(self, text: str):
        self.text = text

    def __str__(self):
        return f"the number {self.text[:20]}{'…' if len(self.text) > 20 else ''} is out of range"


class Command(loaddata.Command):
    help = (loaddata.Command.help + " Rows are validated; inconsistent rule sets are refused; "
            "unexported admin edits are not overwritten without --overwrite.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--reason", default="",
                            help="Why these files are loaded (required; readers see it).")
        parser.add_argument("--by", default="",
                            help="Who is loading them (default: your login name).")
        parser.add_argument("--overwrite", action="store_true",
                            help="Replace rows whose current value came from the admin.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Check the files and show what readers would see change; "
                                 "save nothing.")

    def handle(self, *fixture_labels, **options):
        reason = (options.get("reason") or "").strip()
        if not reason or len(reason) > 100:
            raise CommandError("Say in at most 100 characters why you load these files: "
                               "--reason \"...\" (readers see it on What changed).")
        self.reason = reason
        self.by = (options.get("by") or "").strip() or login_name()
        self.overwrite = options.get("overwrite", False)
        self.dry_run = options.get("dry_run", False)
        self.loaded: list[tuple[models.Model, str, bool]] = []  # (row, file, existed)
        self.overwritten: list[str] = []
        self.labels = fixture_labels
        try:
            with history.taking(ChangeRoad.Via.FIXTURES, self.by):
                return super().handle(*fixture_labels, **options)
        except DryRun:
            self.stdout.write("Nothing was saved (--dry-run): the files load cleanly.")
            return None
        except (InvalidRow, DeserializationError, ValidationError) as error:
            # One line naming file, object and field instead of a traceback.
            raise CommandError(str(error)) from None
        except DatabaseError as error:
            # libpq's messages run over several lines ("server closed the connection
            # unexpectedly / This probably means..."): the first says what happened.
            said = str(error).strip().splitlines()
            raise CommandError(f"{said[0] if said else type(error).__name__} (the "
                               "database failed: nothing was loaded)") from None
        finally:
            clear_cache()

    def find_all(self) -> list[str]:
        self.serialization_formats = serializers.get_public_serializer_formats()
        paths = []
        for label in self.labels:
            paths += [path for path, _dir, _name in self.find_fixtures(label)]
        return paths

    def loaddata(self, fixture_labels):
        # What readers see now, to say what the load changes (as the admin's preview does);
        # a first load, into an empty database, has nothing to compare with.
        before = everything(Rows()) if (self.verbosity or self.dry_run) and \
            Feed.objects.exists() else None
        paths = self.find_all()
        self.files = files_of(paths)
        # model label → the natural keys the files being loaded define (for references)
        defined: dict[str, set[str]] = defaultdict(set)
        for label, key in self.files:
            if isinstance(key, str):
                defined[label].add(key)
        problems = [problem for path in paths for problem in lint(path, defined)]
        problems += unique_problems(paths)
        if problems:
            raise CommandError("\n".join(problems))
        # Django says "Installed ..." when its part is done; we say it once all is checked.
        verbosity, self.verbosity = self.verbosity, 0
        try:
            super().loaddata(fixture_labels)
        finally:
            self.verbosity = verbosity
            for instance, _path, _existed in self.loaded:
                instance.__dict__.pop("skip_history_when_saving", None)
        if self.overwritten and not self.overwrite:
            raise CommandError(
                "These rows were changed in the admin or the shell since they were last "
                "loaded, and the files hold other values; loading them would undo those "
                "edits:\n  " + "\n  ".join(self.overwritten) + "\nExport the database to "
                "the files first (manage.py export_fixtures) and merge, or load with "
                "--overwrite to replace the edits (their history keeps them).")
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
        changed = self.record_history()
        if self.verbosity:
            self.stdout.write(f"Installed {self.loaded_object_count} object(s) from "
                              f"{self.fixture_count} fixture(s); {changed} new or changed.")
        if before is not None:
            self.show_impact(compare(before, everything(Rows())))
        if self.dry_run:
            raise DryRun  # rolls the load back
        if changed:
            version.bump()  # one step for the whole load, inside its transaction
            from systems.releases.models import Release
            if self.verbosity and Release.objects.published().exists():
                self.stdout.write("The draft changed: readers see it once a release is "
                                  "published (Releases in the admin, or manage.py "
                                  "publish_release).")

    def show_impact(self, impact) -> None:
        """What the load does to what readers see, record by record (the admin's preview)."""
        for note in impact.unread:
            self.stdout.write(note)
        if not impact.changes:
            self.stdout.write(f"No answer a reader sees changes ({impact.checked} compared).")
            return
        self.stdout.write(f"What readers would see change ({len(impact.changes)} of "
                          f"{impact.checked} answers), once it is published:")
        for change in impact.changes:
            self.stdout.write(f"  {change.persona} · {change.system}: "
                              + "; ".join(change.differences))

    def save_obj(self, obj):
        instance = obj.object
        # Rows carry natural keys, never a pk (lint refuses one), so the deserializer set
        # the pk only where it found the row already in the database.
        existed = instance.pk is not None
        if existed and tracked(type(instance)):
            self.check_overwrite(obj)
        # Recorded once, when the load is done, with its reason (links to rows defined
        # later in the files are set after every row is saved: the mark stays till then).
        instance.skip_history_when_saving = True
        saved = super().save_obj(obj)
        if saved:
            path = self.files.get((instance._meta.label_lower, getattr(instance, "key", None)),
                                  "?")
            self.loaded.append((instance, path, existed))
        return saved

    def check_overwrite(self, obj) -> None:
        """Note a row the files would change where its value did not come from a load: a
        field (or the row's links) changed in the admin or the shell since it was last
        loaded, and the file holds another value. Values that came from a load are the
        files' to change."""
        instance = obj.object
        model = type(instance)
        current = model._default_manager.filter(pk=instance.pk).first()
        if current is None:
            return
        records = model.history.filter(**{model._meta.pk.attname: instance.pk}) \
            .order_by("-history_id").select_related("history_user")
        loaded = records.filter(history_via=ChangeRoad.Via.FIXTURES).first()
        conflicts = []
        for field in model._meta.concrete_fields:
            if field.primary_key:
                continue
            now = getattr(current, field.attname)
            if now == field.to_python(getattr(instance, field.attname)):
                continue
            if loaded is None or getattr(loaded, field.attname) != now:
                conflicts.append(f"{field.name}: {value_of(current, field.name)} in the "
                                 f"database, {value_of(instance, field.name)} in the file")
        for field in model._meta.local_many_to_many:
            given = linked_keys(obj, field)
            if given is None:
                continue
            now = set(getattr(current, field.name).values_list("key", flat=True))
            held = set() if loaded is None else {
                getattr(link, field.m2m_reverse_field_name()).key
                for link in getattr(loaded, field.name).all()}
            if now != given and (loaded is None or held != now):
                conflicts.append(f"{field.name}: {', '.join(sorted(now)) or '—'} in the "
                                 f"database, {', '.join(sorted(given)) or '—'} in the file")
        if not conflicts:
            return
        edit = records.exclude(history_via=ChangeRoad.Via.FIXTURES).first()
        if edit is None:
            how = "changed around the ORM (no history record)"
        else:
            who = getattr(edit.history_user, "username", "") or edit.history_by
            how = ("changed in the admin" if edit.history_via == ChangeRoad.Via.ADMIN
                   else "changed on the command line") + (f" by {who}" if who else "") + \
                f" on {date_format(localtime(edit.history_date), 'Y-m-d H:i')}"
        self.overwritten.append(f"{describe(instance)} ({'; '.join(conflicts[:4])}), {how}")

    def record_history(self) -> int:
        """A history record for every loaded row that is new or differs from its last
        record: the reason, who ran the load, and for a new row an "added" record. Returns
        how many rows that is."""
        user = get_user_model()._default_manager.filter(username=self.by).first()
        groups: dict[tuple, list] = defaultdict(list)
        for instance, _path, _existed in self.loaded:
            model = type(instance)
            if not tracked(model):
                continue
            last = model.history.filter(**{model._meta.pk.attname: instance.pk}) \
                .order_by("-history_id").first()
            if last is not None and last.history_type != "-" and not history.differs(
                    instance, last):
                continue
            groups[(model, "~" if last is not None and last.history_type != "-"
                    else "+")].append(instance)
        for (model, kind), rows in groups.items():
            history.record(model, rows, history_type=kind, reason=self.reason,
                           via=ChangeRoad.Via.FIXTURES, by=self.by, user=user)
        return sum(len(rows) for rows in groups.values())


def linked_keys(obj, field) -> set[str] | None:
    """The keys a fixture row links through a many-to-many field (None: it does not say):
    resolved already, or named by key when they point at rows defined later."""
    if field.name in (obj.m2m_data or {}):
        pks = [int(pk) for pk in obj.m2m_data[field.name]]
        return set(field.related_model._default_manager.filter(pk__in=pks)
                   .values_list("key", flat=True))
    for deferred, value in (getattr(obj, "deferred_fields", None) or {}).items():
        if deferred.name == field.name:
            return {item[0] if isinstance(item, list) else item for item in value}
    return None


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a container
        return "unknown"


def value_of(row, name: str) -> str:
    field = row._meta.get_field(name)
    value = getattr(row, field.attname)
    if field.is_relation and value is not None:
        target = field.related_model._default_manager.filter(pk=value).first()
        value = getattr(target, "key", value)
    text = f"“{value}”" if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def describe(instance) -> str:
    return f"{instance._meta.label} '{getattr(instance, 'key', None) or instance.pk}'"


def strict_loads(text: str):
    """JSON with only finite numbers, integers of sane length, and shallow nesting; a
    number out of range is kept as OutOfRange, for `lint` to name its object and field."""
    def number(value: str):
        parsed = float(value)
        return parsed if math.isfinite(parsed) else OutOfRange(value)

    def integer(value: str):
        if len(value.lstrip("-")) > MAX_DIGITS:
            return OutOfRange(value)
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
    """A fixture file's JSON, read once per version of the file (a load looks at each
    file three times: the keys it defines, its rows, the rows a constraint keeps apart)."""
    try:
        stat = Path(path).stat()
    except OSError as error:
        raise ValueError(f"not a readable UTF-8 file: {error}") from None
    return _read(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _read(path: str, mtime: int, size: int):
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
        for obj in objects_of(path):
            found[(str(obj.get("model", "")).lower(), obj["fields"].get("key"))] = path
    return found


def objects_of(path: str) -> list[dict]:
    """The well-formed objects of a fixture file (lint reports the rest)."""
    try:
        data = read(path) if path.endswith(".json") else []
    except ValueError:
        return []
    return [obj for obj in (data if isinstance(data, list) else [])
            if isinstance(obj, dict) and isinstance(obj.get("fields"), dict)]


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
        try:
            model = apps.get_model(str(obj.get("model", "")))
        except (LookupError, ValueError):
            problems.append(f"{where}: unknown model {str(obj.get('model'))[:60]!r}.")
            continue
        fields = obj["fields"]
        key = fields.get("key")
        where = f"{path}: {model._meta.label} '{key if isinstance(key, str) else number}'"
        extra = set(obj) - {"model", "fields"}
        if "pk" in extra:
            problems.append(f"{where}: has a numeric primary key (\"pk\"); rows are "
                            f"identified by their \"key\", so remove \"pk\".")
        elif extra:
            problems.append(f"{where}: unknown entries {', '.join(sorted(extra))}.")
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
                if len(found := columns(model, name)) > 1:  # a translated field
                    problems.append(f"{where}: {name}: it has one field per language: "
                                    f"{', '.join(found)} (English is required).")
                else:
                    problems.append(f"{where}: unknown field {name[:40]!r}.")
                continue
            problem = check_value(field, value, defined, existing)
            if problem:
                problems.append(f"{where}: {name}: {problem}")
    return problems


def check_value(field, value, defined, existing) -> str:
    """What is wrong with one value for one field, or ''."""
    if found := out_of_range(value):
        return f"{found}."
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
        if not isinstance(value, dict):
            return f"give an object, not {shown(value)}."
        return "contains a NUL character (\\u0000), which no database keeps." \
            if has_nul(value) else ""
    if isinstance(field, models.DecimalField):
        ok = (isinstance(value, str) and DECIMAL.fullmatch(value)) or (
            isinstance(value, int) and not isinstance(value, bool))
        if not ok:
            return f"give the number as text, like \"-10.5\", not {shown(value)}."
    elif isinstance(field, models.IntegerField):
        if not isinstance(value, int) or isinstance(value, bool):
            return f"give a whole number, not {shown(value)}."
    elif isinstance(field, (models.CharField, models.TextField, models.DateField)):
        if not isinstance(value, str):
            return f"give text, not {shown(value)}."
        if "\x00" in value:
            return "contains a NUL character (\\u0000), which no database keeps."
        if isinstance(field, models.URLField) and value and (problem := plain_url_problem(value)):
            return problem
    try:
        python = field.to_python(value)
        if python not in field.empty_values:  # as Django's own validation skips them
            for validator in field.validators:
                validator(python)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def out_of_range(value) -> OutOfRange | None:
    if isinstance(value, OutOfRange):
        return value
    if isinstance(value, list):
        return next((found for v in value if (found := out_of_range(v))), None)
    if isinstance(value, dict):
        return next((found for v in value.values() if (found := out_of_range(v))), None)
    return None


def has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_nul(v) for v in value)
    return False


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


def unique_sets(model) -> list[tuple[str, ...]]:
    """The fields a unique constraint keeps apart, besides the key itself."""
    found = [(f.name,) for f in model._meta.concrete_fields
             if f.unique and not f.primary_key and f.name != "key"]
    found += [tuple(c.fields) for c in model._meta.constraints
              if isinstance(c, models.UniqueConstraint) and c.fields and c.condition is None]
    found += [tuple(fields) for fields in model._meta.unique_together]
    return found


def unique_problems(paths: list[str]) -> list[str]:
    """Rows that a unique constraint keeps apart: two in the files, or one in the files and
    another (by key) in the database that the files do not change."""
    rows: dict[type, dict[str, tuple[str, dict]]] = defaultdict(dict)  # model → key → row
    for path in paths:
        for obj in objects_of(path):
            try:
                model = apps.get_model(str(obj.get("model", "")))
            except (LookupError, ValueError):
                continue
            key = obj["fields"].get("key")
            if isinstance(key, str):
                rows[model][key] = (path, obj["fields"])
    problems = []
    for model, by_key in rows.items():
        for names in unique_sets(model):
            owners: dict = {}
            for key, (_path, fields) in by_key.items():
                if all(n in fields for n in names):
                    owners.setdefault(values_key(fields, names), []).append(key)
            stored = {}
            if all(model._meta.get_field(n).concrete for n in names):
                for row in model._default_manager.all():
                    if row.key not in by_key:
                        stored[tuple(str(stored_value(row, n)) for n in names)] = row.key
            for values, keys in owners.items():
                path = by_key[keys[0]][0]
                what = ", ".join(names)
                if len(keys) > 1:
                    problems.append(
                        f"{path}: {model._meta.label} '{keys[1]}': {what}: the same "
                        f"{', '.join(values)} as '{keys[0]}'; only one row may have it.")
                elif values in stored:
                    problems.append(
                        f"{path}: {model._meta.label} '{keys[0]}': {what}: the same "
                        f"{', '.join(values)} as '{stored[values]}' in the database; only "
                        f"one row may have it.")
    return problems


def values_key(fields: dict, names) -> tuple[str, ...]:
    return tuple(str(v[0] if isinstance(v, list) and len(v) == 1 else v)
                 for v in (fields[n] for n in names))


def stored_value(row, name: str):
    field = row._meta.get_field(name)
    if field.is_relation:
        target = getattr(row, name)
        return getattr(target, "key", None)
    return getattr(row, field.attname)


def shown(value) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 30 else text[:30] + "…"
