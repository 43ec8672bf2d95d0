"""Print what every system makes of one record.

    python manage.py simulate loan_arrears=3 court_judgment=refused
    python manage.py simulate --persona debtor-who-refuses late_bills=2 --format json
"""

import json

from django.core.management.base import BaseCommand, CommandError

from systems.engine import evaluate
from systems.models import Persona
from systems.record import Record, RecordError, signed


class Command(BaseCommand):
    help = "Evaluate one person's record in every credit system and print the outcome."

    def add_arguments(self, parser):
        parser.add_argument("params", nargs="*", metavar="key=value",
                            help="Record parameters, e.g. loan_arrears=3.")
        parser.add_argument("--persona", help="Start from a preset persona (its key).")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, params, persona, format, **options):
        pairs = {}
        for item in params:
            name, sep, value = item.partition("=")
            if not sep or not name:
                raise CommandError(f"{item!r}: write parameters as key=value.")
            if name in pairs:
                raise CommandError(f"{name}: given more than once.")
            pairs[name] = value
        base = None
        if persona:
            try:
                base = Persona.objects.get(key=persona).get_record()
            except Persona.DoesNotExist:
                keys = ", ".join(Persona.objects.values_list("key", flat=True))
                raise CommandError(f"persona: no persona {persona!r}; try one of {keys}.") \
                    from None
        try:
            record = Record.parse(pairs, base=base)
        except RecordError as error:
            raise CommandError("\n".join(error.errors.values())) from None
        outcome = evaluate(record)
        if format == "json":
            self.stdout.write(json.dumps(outcome.to_dict(), indent=2, ensure_ascii=False))
        else:
            self.stdout.write(render_text(outcome))


def render_text(outcome) -> str:
    lines = [f"Record: {outcome.record.to_query() or '(all defaults)'}", ""]
    for result in outcome.results:
        head = f"{result.name}: {result.verdict.headline}"
        if result.verdict.kind == "list" and result.verdict.band:
            head += f" ({result.verdict.band})"
        if result.verdict.status == "illustrative":
            head += "  [illustrative]"
        lines.append(head)
        if result.why_not:
            lines.append(f"  does not apply: {result.why_not_short}. {result.why_not}")
        if result.verdict.start:
            lines.append(f"  start {result.verdict.start}")
        for step in result.trace:
            delta = "" if step.delta is None else f"{signed(step.delta)} "
            source = step.source.key if step.source else "no source"
            detail = f" ({step.detail})" if step.detail else ""
            lines.append(f"  {delta}{step.label}{detail} [{step.status}; {source}]")
        if result.verdict.total:
            lines.append(f"  = {result.verdict.total}")
        for eff in result.effects:
            lines.append(f"  {eff.kind}: {eff.label}" + (f" ({eff.detail})" if eff.detail else ""))
        lines.append(f"  cannot see: {', '.join(result.cannot_see)}")
        lines.append("")
    return "\n".join(lines)
