"""Write the database back to `fixtures/`, deterministically.

    manage.py export_fixtures            # rewrite fixtures/*.json
    manage.py export_fixtures --dir /tmp/out

Stable order (each file's models in dependency order, rows by natural key), natural keys
only, two-space JSON with a final newline: loading the files and exporting them again
reproduces them byte for byte, so a diff shows exactly what an editor changed.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder


def schemes_feeds() -> dict:
    """The feeds of every points scheme's system: they belong with the pilots."""
    from systems.pilots.models import Scheme
    return {"system__in": list(Scheme.objects.values_list("system", flat=True))}


# file → the models it holds, each with the rows that belong in it (a filter, or a
# function that gives one).
LAYOUT = {
    "sources": [("systems.source", {})],
    "commercial": [("systems.feed", {"system": "sesame"}), ("commercial.dimension", {}),
                   ("commercial.factor", {}), ("commercial.tier", {}),
                   ("commercial.perk", {}), ("commercial.restriction", {})],
    "blacklists": [("systems.feed", {"system": "blacklists"}), ("blacklists.blacklist", {}),
                   ("blacklists.listingrule", {}), ("blacklists.sanction", {})],
    "pilots": [("pilots.pilot", {}), ("pilots.scheme", {}), ("pilots.schemepart", {}),
               ("pilots.grade", {}), ("pilots.consequence", {}),
               ("systems.feed", schemes_feeds),
               ("pilots.adjustment", {})],
    "nosedive": [("systems.feed", {"system": "nosedive"}), ("nosedive.baseline", {}),
                 ("nosedive.ratingrule", {}), ("nosedive.threshold", {})],
    "personas": [("systems.persona", {})],
    "timeline": [("timeline.step", {})],
    "memorandums": [("blacklists.memorandum", {})],
}


def export(name: str) -> str:
    rows = []
    for label, where in LAYOUT[name]:
        model = apps.get_model(label)
        queryset = model._default_manager.filter(
            **(where() if callable(where) else where)).order_by("key")
        for obj in serializers.serialize("python", queryset, use_natural_foreign_keys=True,
                                         use_natural_primary_keys=True):
            fields = obj["fields"]
            for field in model._meta.many_to_many:
                fields[field.name] = sorted(fields.get(field.name, []))
            for field in model._meta.concrete_fields:
                if isinstance(fields.get(field.name), dict):  # PostgreSQL's jsonb reorders
                    fields[field.name] = dict(sorted(fields[field.name].items()))
            rows.append({"model": obj["model"], "fields": fields})
    return json.dumps(rows, indent=2, ensure_ascii=False, cls=DjangoJSONEncoder) + "\n"


class Command(BaseCommand):
    help = "Write the rule data back to fixtures/ (stable order, natural keys)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, default=Path(settings.FIXTURE_DIRS[0]))

    def handle(self, *args, dir: Path, **options):
        dir.mkdir(parents=True, exist_ok=True)
        for name in LAYOUT:
            path = dir / f"{name}.json"
            text = export(name)
            changed = not path.exists() or path.read_text(encoding="utf-8") != text
            path.write_text(text, encoding="utf-8")
            self.stdout.write(f"{path}: {'written' if changed else 'unchanged'}")
