"""Text that editors translate: one column per language, beside the models it translates.

`label = translated(models.CharField(max_length=200))` gives a model the columns
`label_en`, `label_nl`, `label_de` (one per entry in `settings.LANGUAGES`: a new language
is new columns and a migration, not code) and a `label` that reads the active language's
column. django-translated-fields does this at class definition, so django-simple-history,
the editors' diff and Revert, fixtures and `export_fixtures` see ordinary columns; see
`systems/editing/README.md` for why not django-modeltranslation or django-parler.

English is the fact: it is required where the field is, and `VALUE_FIELDS` name the
English column (a translation restates a value; it does not change it). Other languages
may be empty; reading one that is gives the English text as a `Fallback`, and
`manage.py check` lists such rows (`systems.W001`). A `Fallback` is a plain string
wherever text goes (attributes, SVG titles, JSON, feeds); where it is element content,
the panel and the `|marked` filter put it inside `<span lang="en">`, so browsers and screen
readers read it as English and readers see it marked. (Not `__html__`: templates would then
put the span inside attributes and SVG titles too.)
"""

from __future__ import annotations

from django.conf import settings
from django.db.migrations.operations.base import Operation
from django.utils.functional import lazy
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language, gettext, override
from translated_fields import TranslatedField, to_attribute

DEFAULT = "en"


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


class Fallback(str):
    """English text shown because a language's column is empty."""

    __slots__ = ()
    language = DEFAULT

    def html(self):
        return format_html('<span lang="{}" class="untranslated-label" title="{}">{}</span>',
                           self.language, gettext("Not translated yet: shown in English."),
                           str(self))


def marked(value) -> str:
    """`value` escaped as element content; a `Fallback` in its English span."""
    return value.html() if isinstance(value, Fallback) else conditional_escape(value)


def _getter(name, field):
    english = to_attribute(name, DEFAULT)

    def get(row):
        language = get_language() or DEFAULT
        if language != DEFAULT and language in field.languages:
            if value := getattr(row, to_attribute(name, language)):
                return value
            value = getattr(row, english)
            return Fallback(value) if value else value
        return getattr(row, english)
    return get


def _verbose(name, code):
    return lazy(lambda: f"{name} [{code}]", str)()


class Translated(TranslatedField):
    def contribute_to_class(self, cls, name):
        verbose = self._field.verbose_name or name.replace("_", " ")
        for code in self.languages:
            self._specific.setdefault(code, {}).setdefault("verbose_name",
                                                           _verbose(verbose, code))
        super().contribute_to_class(cls, name)


def translated(field) -> Translated:
    """`field` once per language: English as declared, the others optional."""
    others = {"blank": True, "default": ""}
    if getattr(field, "max_length", None):  # a translation may run longer (German does)
        others["max_length"] = field.max_length * 3 // 2
    return Translated(field, {code: others for code in languages() if code != DEFAULT},
                      attrgetter=_getter)


def columns(model, name: str) -> list[str]:
    """The columns of a translated field (`label_en`, `label_nl`, ...), or `[name]`."""
    found = getattr(model, name, None)
    return list(found.fields) if isinstance(found, TranslatedField) else [name]


def suffix(language: str) -> str:
    """The column suffix of a language: "nl", "zh_hans"."""
    return to_attribute("", language).lstrip("_")


def texts(row, name: str) -> dict[str, str]:
    """A translated field's text in every language: {"en": ..., "nl": ...}."""
    return {code: getattr(row, to_attribute(name, code)) for code in languages()}


def as_columns(name: str, value: str | dict[str, str]) -> dict[str, str]:
    """Keyword arguments for a translated field: English text alone, or one per language."""
    found = value if isinstance(value, dict) else {DEFAULT: value}
    return {to_attribute(name, code): text for code, text in found.items()}


def translations(model) -> list[str]:
    """The columns of every language but English (`label_nl`, `note_de`, ...)."""
    return [column for name in translated_names(model) for column in columns(model, name)
            if column != to_attribute(name, DEFAULT)]


def base_name(field) -> str:
    """`label` for the column `label_nl`; a field's own name otherwise."""
    code = getattr(field, "_translated_field_language_code", None)
    return field.name.removesuffix("_" + suffix(code)) if code else field.name


def in_every_language(text) -> dict[str, str]:
    """A lazily translated text (a catalogue string) as {language: text}, for a field."""
    found = {}
    for code in languages():
        with override(code):
            found[code] = str(text)
    return found


def translated_names(model) -> list[str]:
    """The names of a model's translated fields (`label`, `note`, ...)."""
    found = []
    for klass in model.__mro__:
        found += [name for name, value in vars(klass).items()
                  if isinstance(value, TranslatedField) and name not in found]
    return found


def gaps(rows, model) -> dict[str, list[str]]:
    """language → keys of rows whose English text in some field has no translation."""
    found: dict[str, list[str]] = {}
    names = translated_names(model)
    for row in rows:
        for code in languages():
            if code == DEFAULT:
                continue
            if any(getattr(row, to_attribute(n, DEFAULT)) and
                   not getattr(row, to_attribute(n, code)) for n in names):
                found.setdefault(code, []).append(getattr(row, "key", None) or str(row.pk))
    return found


class TranslateFields(Operation):
    """The migration step that makes fields translated: each keeps its English text in its
    column, renamed `<field>_en`, and gains a column per other language. One step per app,
    in SQL that PostgreSQL and SQLite both run, reloading each model's state once: written
    as Django's usual RenameField, AddField and AlterField (four per field, on the table
    and its history table), the same change made every fresh database, so every test
    server and new site, take 20 seconds longer to migrate.

    `changes`: {model name: ({old name: new name}, {column: its field, in model order})}.
    The fields here are plain text columns that nothing else refers to."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, changes):
        self.changes = changes

    def deconstruct(self):
        return self.__class__.__qualname__, [self.changes], {}

    def describe(self):
        return f"Translate the text fields of {len(self.changes)} models"

    def state_forwards(self, app_label, state):
        for model_name, (renamed, fields) in self.changes.items():
            model = state.models[app_label, model_name]
            found = {}
            for name, field in model.fields.items():
                name = renamed.get(name, name)
                if name in fields:
                    base = name.rsplit("_", 1)[0]
                    found.update({n: f.clone() for n, f in fields.items()
                                  if n.rsplit("_", 1)[0] == base and n not in found})
                else:
                    found[name] = field
            model.fields = found
        state.reload_models([(app_label, name) for name in self.changes], delay=True)

    def _table(self, state, app_label, model_name):
        return state.models[app_label, model_name].options.get(
            "db_table", f"{app_label}_{model_name}")

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        q = schema_editor.quote_name
        for model_name, (renamed, fields) in self.changes.items():
            table = q(self._table(to_state, app_label, model_name))
            for old, new in renamed.items():
                schema_editor.execute(f"ALTER TABLE {table} RENAME COLUMN {q(old)} TO {q(new)}")
            for name, field in fields.items():
                if name not in renamed.values():
                    kind = f"varchar({field.max_length})" if field.max_length else "text"
                    schema_editor.execute(f"ALTER TABLE {table} ADD COLUMN {q(name)} {kind} "
                                          "NOT NULL DEFAULT ''")

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        q = schema_editor.quote_name
        for model_name, (renamed, fields) in self.changes.items():
            table = q(self._table(from_state, app_label, model_name))
            for name in fields:
                if name not in renamed.values():
                    schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN {q(name)}")
            for old, new in renamed.items():
                schema_editor.execute(f"ALTER TABLE {table} RENAME COLUMN {q(new)} TO {q(old)}")
