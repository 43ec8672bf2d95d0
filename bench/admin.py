"""Print the weight of the editors' pages and how long an edit takes, through the admin.

For each page: its HTML in bytes as served (the admin is never compressed: its pages hold
secrets) and gzipped. For each edit: the median time of the first press of Save (the
rehearsal and the impact preview) and of the second (the save), over a few runs, editing
one value back and forth. Run `.venv/bin/python bench/admin.py` (or `make bench`); it
also runs from an older checkout, to compare side by side.
"""

import gzip
import re
import statistics
import time

from _setup import django_with_rules

RUNS = 5


def form_values(form) -> dict:
    """A bound form's fields as the browser posts them back unchanged."""
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        if isinstance(value, list):
            data[field.html_name] = [str(v) for v in value]
        else:
            data[field.html_name] = "on" if value is True else str(value)
        if getattr(field.field, "show_hidden_initial", False):
            data[f"initial-{field.html_name}"] = data[field.html_name]
    return data


def rules_page_data(client, url) -> dict:
    page = client.get(url)
    data = {}
    for _title, formset in page.context["sections"]:
        data.update({f"{formset.prefix}-{k}": v
                     for k, v in formset.management_form.initial.items()})
        for form in formset.forms:
            data.update(form_values(form))
            data[f"{form.prefix}-id"] = form.instance.pk
    return data


def timed(call) -> tuple[float, object]:
    start = time.perf_counter()
    result = call()
    return (time.perf_counter() - start) * 1000, result


def main() -> None:
    django_with_rules()
    from django.contrib.auth.models import User
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()  # so that a response carries its template context

    from systems.pilots.models import Adjustment

    client = Client()
    client.force_login(User.objects.create_superuser("bench", "bench@example.org", "x"))
    row = Adjustment.objects.get(key="rc-court-paid")
    pages = {
        "rules page, Sesame": reverse("admin:editing-system-rules", args=["sesame"]),
        "rules page, Rongcheng": reverse("admin:editing-system-rules", args=["rongcheng"]),
        "a rule's change form": reverse("admin:pilots_adjustment_change", args=[row.pk]),
        "review queue, every row": reverse("admin:editing-review") + "?months=0",
        "publish a release": reverse("admin:releases_release_add"),
    }
    print(f"{'page':28} {'html':>9} {'gzip':>8}")
    for name, url in pages.items():
        html = client.get(url).content
        print(f"{name:28} {len(html):>9,} {len(gzip.compress(html, 6)):>8,}")

    print(f"\n{'edit':28} {'preview ms':>11} {'save ms':>8}  (median of {RUNS})")
    rules, volunteering = pages["rules page, Rongcheng"], Adjustment.objects.get(
        key="rc-volunteering")

    def on_the_rules_page(run: int) -> dict:
        data = rules_page_data(client, rules)
        name = next(k[:-3] for k, v in data.items() if k.startswith("adjustment-")
                    and k.endswith("-id") and v == volunteering.pk)
        return {**data, f"{name}-points": str(2 + run % 2)}

    def on_the_change_form(run: int) -> dict:
        form = client.get(pages["a rule's change form"]).context["adminform"].form
        return {**form_values(form), "points": str(-40 - run % 2)}

    for name, url, edit in (("rules page, one value", rules, on_the_rules_page),
                            ("change form, one value", pages["a rule's change form"],
                             on_the_change_form)):
        previews, saves = [], []
        for run in range(RUNS):
            data = {**edit(run), "change_reason": f"bench {run}", "source_checked": "on"}
            ms, preview = timed(lambda url=url, data=data: client.post(url, data))
            previews.append(ms)
            # The second press carries what the preview put in the page.
            seen = re.search(r'name="_impact_seen" value="([^"]*)"', preview.content.decode())
            ms, response = timed(lambda url=url, data=data, seen=seen: client.post(
                url, {**data, "_impact_seen": seen[1] if seen else "1"}))
            assert response.status_code == 302, f"{name}: not saved"
            saves.append(ms)
        print(f"{name:28} {statistics.median(previews):>11.0f} "
              f"{statistics.median(saves):>8.0f}")


if __name__ == "__main__":
    main()
