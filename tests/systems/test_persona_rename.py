"""Renaming a persona in the admin (reliability review, finding 6: the impact preview keyed
verdicts by persona, so a renamed one was missing afterwards and the save was a 500)."""

import json
import re

import pytest
from django.urls import reverse

from systems.models import Persona
from systems.pilots.models import Adjustment
from tests.helpers import seen
from tests.systems.test_admin import change_url
from tests.systems.test_editing import editor, opened, save

pytestmark = pytest.mark.django_db


def impact_rows(html: str) -> list[list[str]]:
    """The impact table's rows, as cells of text."""
    table = html.split('id="impact"')[1].split("</table>")[0]
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1])]


def test_a_renamed_persona_saves_and_the_impact_shows_it_under_its_new_name():
    client = editor("editor-r")
    persona = Persona.objects.get(key="traffic-offender")
    # A new name, and a new key (which editors may correct as well).
    data = {**opened(client, persona), "name_en": "Repeat traffic offender",
            "key": "repeat-traffic-offender", "record": json.dumps(persona.record),
            "change_reason": "A clearer name"}
    response = save(client, persona, data)
    assert response.status_code == 302, response.content.decode()[:500]
    saved = Persona.objects.get(pk=persona.pk)
    assert (saved.name, saved.key) == ("Repeat traffic offender", "repeat-traffic-offender")
    history = saved.history.latest()
    assert history.name_en == "Repeat traffic offender" and history.history_type == "~"
    assert history.history_change_reason == "A clearer name"
    assert history.history_user.username == "editor-r"
    # A rule change after it: its preview runs the renamed persona through the rules.
    rule = Adjustment.objects.get(key="rc-traffic-tickets")
    change = {**opened(client, rule), "points": "-9.00", "change_reason": "Stricter",
              "source_checked": "on"}
    preview = client.post(change_url(rule), change)
    assert preview.status_code == 200 and 'name="_impact_seen"' in preview.content.decode()
    assert "Repeat traffic offender" in names(preview.content.decode())
    assert client.post(change_url(rule), seen(change)).status_code == 302
    # What publishing would change, against the release readers see (where the persona
    # still has its old name and key): the same persona, under its new name.
    draft = client.get(reverse("admin:editing-draft"))
    assert draft.status_code == 200
    shown = names(draft.content.decode())
    assert "Repeat traffic offender" in shown and "Traffic offender" not in shown


def names(html: str) -> set[str]:
    """The records named in the impact table."""
    return {row[0] for row in impact_rows(html)}
