"""axe-core on every page, at phone and desktop widths, light and dark: no serious or
critical violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGES = ["/en/", "/en/systems/", "/en/sources/", "/en/glossary/",
         *[f"/en/misconceptions/{s}/" for s in
           ("one-system", "data-sharing", "points", "nosedive", "citizens")],
         *[f"/en/systems/{s}/" for s in ("sesame", "blacklists", "rongcheng", "suining",
                                         "nosedive")],
         # Widgets in their fuller states: listed, applying, invalid, sorted, Dutch.
         "/en/misconceptions/one-system/?court_judgment=refused&residence=rongcheng&opted_in=1",
         "/en/misconceptions/data-sharing/?court_judgment=refused&loan_arrears=3",
         "/en/misconceptions/one-system/?loan_arrears=99",
         "/en/misconceptions/points/?sort=started&order=desc",
         "/nl/misconceptions/one-system/",
         # Embeds and the pages around them.
         "/embed/compare/?court_judgment=refused", "/embed/dataflow/?loan_arrears=2",
         "/embed/pilots/", "/embed/surveys/", "/embed/compare/?theme=dark&lang=nl",
         "/en/embed/?widget=compare&court_judgment=refused", "/en/privacy/", "/api/",
         # Lessons: predicting first, in an embed and a chapter; the full layout; the guides.
         "/embed/compare/?court_judgment=refused&reveal=after",
         "/en/misconceptions/points/?reveal=after", "/embed/dataflow/?layout=full",
         "/en/teach/", "/en/teach/one-system/"]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_violations(browser, server, axe, scheme, width):
    context = browser.new_context(base_url=server, color_scheme=scheme,
                                  viewport={"width": width, "height": 900})
    page = context.new_page()
    found = []
    for path in PAGES:
        page.goto(path)
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in violation["nodes"]][:3]
                found.append(f"{path}: {violation['id']} ({violation['impact']}) {targets}")
    context.close()
    assert found == [], "\n".join(found)
