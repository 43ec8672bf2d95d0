"""Open data: the simulation as JSON, and every rule, pilot, source and persona.

django-ninja declares the endpoints and generates the OpenAPI 3.1 document from them.
Parsing stays the record's own (`Record.parse`): the same grammar and the same messages as
the site, so `loan_arrears=1_0` is refused here too.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import asdict

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from ninja import NinjaAPI, Query, Status
from ninja.errors import ValidationError

from explainer import simulation
from explainer.embeds.options import one_of
from explainer.serving.cache import PUBLIC_LONGER
from systems import engine
from systems.models import Source
from systems.outcome import SourceRef
from systems.pilots.models import Pilot
from systems.record import Record, RecordError, shown
from systems.releases import editions
from systems.translated import languages

from . import schemas

api = NinjaAPI(
    title="China's credit systems, explained: open data",
    version="1",
    description=(
        "The simulation and the data behind it. Every number carries a status "
        "(documented, reported or illustrative) and a source. No key, no cookies; CORS is "
        "open for GET. Human documentation: /api/"),
    urls_namespace="api-v1",
    docs_url=None,
    openapi_url="/openapi.json",
)


# Query names the API takes besides the record's parameters (the widget has a few more).
# `lang` (en, nl, de) picks the language of labels, notes and messages; the middleware
# reads it (explainer.serving.middleware), so the URL alone decides what is cached.
API_PARAMS = frozenset({"persona", "rules", "lang"})


def bad_request(errors: dict[str, str]) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=400)


def own_errors(request: HttpRequest, allowed: set[str]) -> dict[str, str]:
    """Every problem with the query string, named by parameter, in the site's words."""
    errors = language_errors(request)
    for name in set(request.GET) - allowed - {"lang"}:
        errors[name] = gettext("There is no parameter called %(name)s here.") % {
            "name": shown(name)}
    return errors


def language_errors(request: HttpRequest) -> dict[str, str]:
    """`lang` read as the embeds read it (the middleware has already applied it)."""
    errors: dict[str, str] = {}
    if len(asked := request.GET.getlist("lang")) > 1:
        errors["lang"] = gettext("%(name)s is given %(n)d times; give it once.") % {
            "name": "lang", "n": len(asked)}
    one_of(request.GET, "lang", languages(), settings.LANGUAGE_CODE, errors)
    return errors


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> JsonResponse:
    """ninja's own validation failed: answer with our messages, as a 400."""
    errors = {}
    try:
        Record.parse(request.GET, ignore=API_PARAMS)
    except RecordError as error:
        errors = error.errors
    errors.update(language_errors(request))
    for problem in exc.errors:
        name = str(problem.get("loc", ["", "?"])[-1])
        errors.setdefault(name, gettext("%(name)s: %(message)s.") % {
            "name": name, "message": problem.get("msg", gettext("invalid value"))})
    return bad_request(errors)


def cached(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, **PUBLIC_LONGER)
    return response


@api.get("/simulate", response={200: schemas.OutcomeOut, 400: schemas.ErrorsOut},
         summary="Run one record through every system",
         description="Give the record's parameters (all optional; defaults as described) "
                     "and optionally a persona to start from.")
def simulate(request: HttpRequest, params: Query[schemas.RecordQuery]):
    sim = simulation.read(request.GET, own=frozenset({"lang"}))  # the widget's own reading
    errors = {**sim.errors, **language_errors(request)}
    for name in sorted((simulation.WIDGET_PARAMS - API_PARAMS) & set(request.GET)):
        errors[name] = gettext("There is no setting called %(name)s.") % {"name": shown(name)}
    if errors:
        return Status(400, {"errors": errors})
    data = sim.outcome.to_dict()
    edition = engine.of(sim.release) or request.edition
    data["rules_as_of"] = edition.as_of.date().isoformat() if edition.as_of else ""
    data["release"] = edition.release.number if edition.release else None
    return cached(JsonResponse(schemas.OutcomeOut.model_validate(data).model_dump(),
                               json_dumps_params={"ensure_ascii": False}))


def rule_rows() -> list[dict]:
    rows = []
    for system, rules, _sees, _cannot in engine.snapshot():
        described = system.describe(rules)
        for row in described["rows"]:
            rows.append({"system": system.key, "kind": "rule", "label": row.label,
                         "condition": row.when, "value": row.value, "status": row.status,
                         "note": row.note, "source": source_dict(row.source)})
        for band in described["bands"]:
            rows.append({"system": system.key, "kind": "band", "label": band.label,
                         "condition": f"score {band.range_text}",
                         "value": band.label, "status": band.status, "note": band.note,
                         "source": source_dict(band.source)})
    return rows


def source_dict(ref: SourceRef | None) -> dict | None:
    if ref is None:
        return None
    return asdict(ref)


@api.get("/rules.json", response={200: list[schemas.RuleOut], 400: schemas.ErrorsOut},
         summary="Every rule and band")
def rules_json(request: HttpRequest):
    if errors := own_errors(request, set()):
        return bad_request(errors)
    return cached(JsonResponse(rule_rows(), safe=False, json_dumps_params={"ensure_ascii": False}))


CSV_DOC = {"responses": {
    200: {"description": "CSV, one row per item, with a header row.",
          "content": {"text/csv": {"schema": {"type": "string"}}}},
    400: {"description": "A parameter this endpoint does not take.",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorsOut"}}}}}}


def csv_response(rows: list[dict], name: str) -> HttpResponse:
    """A CSV file that no spreadsheet turns into formulas, in any locale (`safe_cell`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if rows:
        writer.writerow(rows[0].keys())
    for row in rows:
        writer.writerow([safe_cell(value) for value in row.values()])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return cached(response)


# A positive effect as the site writes it, "+20 on the ... rating": a spreadsheet reads a
# leading + as a formula, so the CSV writes it unsigned, "20 on ..." (negatives keep their
# true minus sign, U+2212, which no spreadsheet reads as one).
POSITIVE = re.compile(r"^\+(?=\d)")
# Where a spreadsheet may start a cell that begins a formula (= + - @): at the cell's
# start, and also after any ; , tab CR or LF inside it, because a spreadsheet whose CSV
# separator is ";" (Excel in Dutch, German or French) or a tab splits there, and our
# quoting does not protect a field it does not see open. Spaces and double quotes in
# between do not stop it: an import may trim spaces, and a quote opens a field whose
# content follows it.
FORMULA = re.compile(r'(^|[;,\t\r\n])([\s"]*)([=+\-@])')


def safe_cell(value) -> str:
    """The cell as text every spreadsheet shows as text: an apostrophe before each
    formula character that could start a cell. Not a space: importers that trim spaces
    (LibreOffice's "Trim spaces", Google Sheets) would undo it; an apostrophe marks text
    everywhere, and with positive effects unsigned no shipped value needs one."""
    text = POSITIVE.sub("", "" if value is None else str(value))
    return FORMULA.sub(r"\1\2'\3", text)


def flat_rule(row: dict) -> dict:
    source = row.pop("source") or {}
    return {**row, "source_key": source.get("key", ""), "source_url": source.get("url", "")
            or source.get("read_at", "")}


@api.get("/rules.csv", summary="Every rule and band, as CSV", openapi_extra=CSV_DOC)
def rules_csv(request: HttpRequest):
    if errors := own_errors(request, set()):
        return bad_request(errors)
    return csv_response([flat_rule(row) for row in rule_rows()], "rules.csv")


def pilot_rows() -> list[dict]:
    simulated = {s.scheme.pilot_id: s.key for s in engine.systems() if s.scheme is not None}
    return [{"key": p.key, "city": p.city, "city_zh": p.city_zh, "province": p.province,
             "latitude": float(p.latitude), "longitude": float(p.longitude), "kind": p.kind,
             "started": p.started, "ended": p.ended, "state": p.state, "summary": p.summary,
             "sources": [s.key for s in p.sources.all()], "status": p.status,
             "checked": p.checked.isoformat(), "system": simulated.get(p.pk)}
            for p in engine.rows().all(Pilot)]


@api.get("/systems.json", response={200: list[schemas.SystemOut], 400: schemas.ErrorsOut},
         summary="Every system, with what it sees; for each points scheme, its place")
def systems_json(request: HttpRequest):
    if errors := own_errors(request, set()):
        return bad_request(errors)
    rows = [{"key": system.key, "name": str(system.name), "kind": system.kind,
             "operator": str(system.operator), "answer": str(system.answer),
             "fiction": system.fiction, "sees": list(sees),
             "residence": system.scheme.residence if system.scheme else None,
             "place": system.scheme.place if system.scheme else None,
             "requires_consent": bool(system.scheme and system.scheme.requires_consent)}
            for system, _rules, sees, _cannot in engine.snapshot()]
    return cached(JsonResponse(rows, safe=False, json_dumps_params={"ensure_ascii": False}))


@api.get("/pilots.json", response={200: list[schemas.PilotOut], 400: schemas.ErrorsOut},
         summary="The pilot registry")
def pilots_json(request: HttpRequest):
    if errors := own_errors(request, set()):
        return bad_request(errors)
    return cached(JsonResponse(pilot_rows(), safe=False,
                               json_dumps_params={"ensure_ascii": False}))


@api.get("/pilots.csv", summary="The pilot registry, as CSV", openapi_extra=CSV_DOC)
def pilots_csv(request: HttpRequest):
    if errors := own_errors(request, set()):
        return bad_request(errors)
    return csv_response([{**row, "sources": " ".join(row["sources"])} for row in pilot_rows()],
                        "pilots.csv")


@api.get("/sources.json", response={200: list[schemas.SourceOut], 400: schemas.ErrorsOut},
         summary="Every source")
def sources_json(request: HttpRequest):
    if errors := own_errors(request, set()):
        return bad_request(errors)
    rows = [source_dict(SourceRef.of(source)) for source in engine.rows().all(Source)]
    return cached(JsonResponse(rows, safe=False, json_dumps_params={"ensure_ascii": False}))


@api.get("/personas.json", response={200: list[schemas.PersonaOut], 400: schemas.ErrorsOut},
         summary="The example people")
def personas_json(request: HttpRequest):
    if errors := own_errors(request, set()):
        return bad_request(errors)
    personas, records = simulation.people(editions.token())
    rows = [{"key": p.key, "name": p.name, "summary": p.summary,
             "record": record.as_dict(), "query": record.to_query()}
            for p, record in zip(personas, records, strict=True)]
    return cached(JsonResponse(rows, safe=False, json_dumps_params={"ensure_ascii": False}))


def sourced(row) -> dict:
    """A dated row's status, sources and checked date, as every timeline answer gives them."""
    return {"status": row.status, "source": source_dict(SourceRef.of_row(row)),
            "second_source": source_dict(SourceRef.of(row.second_source)),
            "checked": row.checked.isoformat()}


@api.get("/timeline.json", response={200: list[schemas.TimelineStepOut],
                                     400: schemas.ErrorsOut},
         summary="The national picture in dated, sourced steps")
def timeline_json(request: HttpRequest):
    from systems.timeline.models import Step
    if errors := own_errors(request, set()):
        return bad_request(errors)
    rows = [{"key": s.key, "date": s.date, "title": s.title, "text": s.text, "topic": s.topic,
             "chapters": list(s.chapter_slugs), **sourced(s)}
            for s in engine.rows().all(Step)]
    return cached(JsonResponse(rows, safe=False, json_dumps_params={"ensure_ascii": False}))


@api.get("/memorandums.json", response={200: list[schemas.MemorandumOut],
                                        400: schemas.ErrorsOut},
         summary="The joint-punishment memorandums, by sector")
def memorandums_json(request: HttpRequest):
    from systems.blacklists.models import Memorandum
    if errors := own_errors(request, set()):
        return bad_request(errors)
    fields = ("key", "sector", "title", "document", "signed", "lead", "signatories",
              "signatories_text", "list", "restricts", "targets")
    rows = [{**{f: getattr(m, f) for f in fields}, **sourced(m)}
            for m in engine.rows().all(Memorandum)]
    return cached(JsonResponse(rows, safe=False, json_dumps_params={"ensure_ascii": False}))
