"""What several test modules read from pages, and the record they edit, in one place."""

import re

# A Rongcheng resident who paid a court debt: the record the editing, release and caching
# tests watch while an editor changes the deduction for a paid court debt.
PAID = "court_judgment=paid&residence=rongcheng&opted_in=1"


def verdict(html: str, system: str) -> str:
    """A system's verdict as the verdict strip shows it: "970 points · A"."""
    row = html.split(f'data-system="{system}"')[1].split("</tr>")[0]
    return re.search(r'class="strip-verdict">([^<]*)', row)[1].strip()


def seen(data: dict) -> dict:
    """A form's data as posted on the second press of Save, after its impact preview: the
    preview carries a fingerprint of the very change it showed."""
    from systems.editing.forms import impact_digest
    return {**data, "_impact_seen": impact_digest(data)}
