import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def simulate(*args):
    from io import StringIO
    out = StringIO()
    call_command("simulate", *args, stdout=out)
    return out.getvalue()


def test_text_output_lists_every_system(db):
    text = simulate("loan_arrears=3", "residence=rongcheng", "opted_in=1")
    assert "Record: loan_arrears=3&residence=rongcheng&opted_in=1" in text
    for name in ("Sesame Credit: 562 / 950", "Government blacklists: Not listed",
                 "Rongcheng points: 970 points · A", "Suining points", "Nosedive (fiction)"):
        assert name in text
    assert ("  start 1,000 points\n  −30 Bank-loan arrears, per monthly cycle "
            "(3 months behind on a loan × −10) [documented;") in text
    assert "  = 970 points\n" in text


def test_json_output_follows_the_outcome_contract(db):
    data = json.loads(simulate("--persona", "debtor-who-refuses", "--format", "json"))
    assert data["record"]["court_judgment"] == "refused"
    systems = {s["system"]: s for s in data["systems"]}
    assert list(systems) == ["sesame", "blacklists", "rongcheng", "suining", "hangzhou", "nosedive"]
    assert systems["blacklists"]["verdict"]["label"] == "Listed"
    step = systems["sesame"]["trace"][0]
    assert set(step) == {"rule", "label", "parameter", "delta", "detail", "status", "note",
                         "source", "second_source"}
    assert step["source"]["url"] or step["status"] != "documented"


def test_explicit_values_override_the_persona(db):
    data = json.loads(simulate("--persona", "volunteer", "volunteering=0", "--format", "json"))
    assert data["record"]["volunteering"] == 0
    assert data["record"]["blood_donation"] == 3


@pytest.mark.parametrize(("args", "message"), [
    (["loan_arrears=20"], "Loan arrears must be a whole number from 0 to 12, not '20'."),
    (["mood=happy"], "There is no setting called 'mood'."),
    (["loan_arrears"], "write parameters as key=value"),
    (["jaywalking=1", "jaywalking=2"], "jaywalking: given more than once."),
    (["--persona", "nobody"], "persona: no persona 'nobody'"),
])
def test_bad_input_is_refused_with_a_message_naming_it(db, args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(")):
        simulate(*args)
