"""The open-data API through the test client."""

import csv
import dataclasses
import io
import json

import pytest

from explainer.api import schemas
from systems import outcome
from systems.record import PARAMETERS

pytestmark = pytest.mark.django_db


def get_json(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_simulate_gives_each_systems_verdict_effects_trace_and_visibility(client):
    data = get_json(client, "/api/v1/simulate?court_judgment=refused&residence=rongcheng"
                            "&opted_in=1")
    assert data["record"]["court_judgment"] == "refused"
    systems = {s["system"]: s for s in data["systems"]}
    assert list(systems) == ["sesame", "blacklists", "rongcheng", "suining", "hangzhou", "nosedive"]
    assert systems["sesame"]["verdict"]["headline"] == "350 / 950"
    assert systems["blacklists"]["verdict"]["label"] == "Listed"
    step = systems["rongcheng"]["trace"][0]
    assert step["status"] in ("documented", "reported", "illustrative")
    assert step["source"]["key"] and "read_at" in step["source"]
    assert "court_judgment" in systems["rongcheng"]["sees"]
    assert "shopping" in systems["rongcheng"]["cannot_see"]
    assert data["rules_as_of"]


def test_simulate_starts_from_a_persona(client):
    data = get_json(client, "/api/v1/simulate?persona=volunteer&volunteering=0")
    assert data["record"]["volunteering"] == 0 and data["record"]["blood_donation"] == 3


def test_simulate_reads_a_query_as_the_site_does(client):
    """Empty values are the defaults and spaces around a value do not count, as on the
    site: the same permalink gives the same record in both."""
    data = get_json(client, "/api/v1/simulate?court_judgment=&loan_arrears=%203&rules=")
    assert data["record"]["court_judgment"] == "none" and data["record"]["loan_arrears"] == 3


@pytest.mark.parametrize(("query", "names"), [
    ("loan_arrears=99", {"loan_arrears"}),
    ("loan_arrears=1_0&shopping=lots", {"loan_arrears", "shopping"}),
    ("loan_arrears=abc", {"loan_arrears"}),
    ("karma=1", {"karma"}),
    ("persona=nobody", {"persona"}),
    ("jaywalking=1&jaywalking=2", {"jaywalking"}),
    ("persona=%00", {"persona"}),  # looked up among the personas, never sent to the database
    ("rules=99&from=volunteer", {"rules", "from"}),  # `from` is the widget's, not the API's
])
def test_bad_parameters_get_a_400_naming_each(client, query, names):
    data = get_json(client, f"/api/v1/simulate?{query}", status=400)
    assert set(data["errors"]) == names
    assert all(isinstance(m, str) and m for m in data["errors"].values())


def test_rules_have_a_value_status_and_source(client):
    rows = get_json(client, "/api/v1/rules.json")
    assert {row["system"] for row in rows} == {"sesame", "blacklists", "rongcheng", "suining",
                                               "hangzhou", "nosedive"}
    assert {row["kind"] for row in rows} == {"rule", "band"}
    assert all(row["status"] in ("documented", "reported", "illustrative") for row in rows)
    arrears = next(r for r in rows if r["label"] == "Bank-loan arrears, per monthly cycle")
    assert arrears["value"] == "−10 each" and arrears["source"]["key"] == "clt-rongcheng-standards"
    bands = {(r["system"], r["label"]): r["condition"] for r in rows if r["kind"] == "band"}
    assert bands[("rongcheng", "AAA")] == "score ≥ 1,050"  # open at the top
    assert any(c.startswith("score ≤ ") for c in bands.values())  # open at the bottom


def test_csv_downloads_have_a_header_and_quote_formula_like_cells(client):
    response = client.get("/api/v1/rules.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows and set(rows[0]) >= {"system", "label", "value", "status", "source_key"}
    assert not any(v[:1] in "=+-@" for row in rows for v in row.values() if v)
    pilots = list(csv.DictReader(io.StringIO(client.get("/api/v1/pilots.csv").content.decode())))
    assert {p["key"] for p in pilots} >= {"rongcheng", "suining"}


def test_pilots_sources_and_personas(client):
    pilots = get_json(client, "/api/v1/pilots.json")
    rongcheng = next(p for p in pilots if p["key"] == "rongcheng")
    assert rongcheng["kind"] == "points" and rongcheng["sources"]
    sources = get_json(client, "/api/v1/sources.json")
    assert {"key", "url", "read_at", "retrieved", "status"} <= set(sources[0])
    personas = get_json(client, "/api/v1/personas.json")
    debtor = next(p for p in personas if p["key"] == "debtor-who-refuses")
    assert debtor["query"] == "court_judgment=refused"
    assert debtor["record"]["court_judgment"] == "refused"
    assert get_json(client, "/api/v1/pilots.json?x=1", status=400)["errors"]["x"]


def test_the_openapi_document_is_generated_and_describes_the_record(client):
    spec = get_json(client, "/api/v1/openapi.json")
    assert spec["openapi"].startswith("3.1")
    params = {p["name"]: p for p in spec["paths"]["/api/v1/simulate"]["get"]["parameters"]}
    for parameter in PARAMETERS:
        schema = params[parameter.name]["schema"]
        text = json.dumps(schema)
        if parameter.from_data:  # residence: places come with the data's schemes
            assert "pattern" in text and "points scheme" in params[parameter.name][
                "description"]
        elif parameter.is_choice:
            assert all(choice in text for choice in parameter.choices)
        else:
            assert f'"maximum": {parameter.maximum}' in text
    assert "400" in spec["paths"]["/api/v1/simulate"]["get"]["responses"]
    assert "text/csv" in json.dumps(spec["paths"]["/api/v1/rules.csv"])


@pytest.mark.parametrize(("dataclass", "schema"), [
    (outcome.SourceRef, schemas.SourceOut), (outcome.Step, schemas.StepOut),
    (outcome.Effect, schemas.EffectOut), (outcome.Verdict, schemas.VerdictOut),
    (outcome.SystemResult, schemas.SystemResultOut),
])
def test_the_documented_shapes_match_the_outcome_contract(dataclass, schema):
    assert [f.name for f in dataclasses.fields(dataclass)] == list(schema.model_fields)


def test_the_human_page_documents_every_endpoint_and_parameter(client):
    html = client.get("/api/").content.decode()
    for endpoint in ("simulate", "rules.json", "rules.csv", "pilots.json", "pilots.csv",
                     "sources.json", "personas.json", "openapi.json"):
        assert endpoint in html
    for parameter in PARAMETERS:
        assert f"<code>{parameter.name}</code>" in html
    for page in ("/en/sources/", "/en/systems/sesame/"):
        assert 'href="/api/"' in client.get(page).content.decode(), page


def test_the_api_sets_no_cookie(client):
    response = client.get("/api/v1/simulate?loan_arrears=2")
    assert not response.cookies


def test_systems_json_lists_every_system_and_each_schemes_place(client):
    rows = client.get("/api/v1/systems.json").json()
    assert [r["key"] for r in rows] == ["sesame", "blacklists", "rongcheng", "suining",
                                       "hangzhou", "nosedive"]
    hangzhou = rows[4]
    assert (hangzhou["residence"], hangzhou["place"], hangzhou["requires_consent"]) == (
        "hangzhou", "Hangzhou", True)
    assert rows[0]["residence"] is None and "residence" in hangzhou["sees"]


def test_simulate_says_which_release_it_used(client):
    data = client.get("/api/v1/simulate?residence=hangzhou&opted_in=1").json()
    assert data["release"] == 1 and data["rules_as_of"]
    pinned = client.get("/api/v1/simulate?rules=1").json()
    assert pinned["release"] == 1
