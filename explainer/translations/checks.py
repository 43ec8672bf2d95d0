"""`manage.py check` on translations: a translated page that drops a citation, a widget or
a link target is an error (readers would lose what the English gives them); one made
from an earlier English version is a warning (it stays, marked so on the page); an
incomplete interface catalogue is a warning (readers see English for those strings)."""

from django.core import checks

from . import catalogues, pages


@checks.register("content")
def check_translations(app_configs=None, **kwargs):
    found = []
    for path in pages.translated_pages():
        problems = pages.problems(path)
        found += [checks.Error(problem, hint="Copy citations, widgets, link targets and "
                               "anchors from the English file as they are.",
                               id="translations.E001") for problem in problems]
        if not problems and pages.stale(path):
            found.append(stale_page(path))
    for path in catalogues.catalogues():
        problems = catalogues.problems(path)
        if problems:
            found.append(checks.Warning(
                f"{len(problems)} problems in {path}, the first: {problems[0]}",
                hint="make messages, then translate what it lists.", id="translations.W002"))
    return found


def stale_page(path) -> checks.Warning:
    english = pages.english_of(path)
    made_from = pages.front_matter(path.read_text(encoding="utf-8"))[0][pages.SOURCE_KEY]
    return checks.Warning(
        f"{path.relative_to(pages.CONTENT_DIR)} was translated from an earlier version of "
        f"{english.relative_to(pages.CONTENT_DIR)}.",
        hint=f"git diff {made_from} {pages.blob_hash(english)} shows what changed; update "
             f"the translation, then its '{pages.SOURCE_KEY}:' line.", id="translations.W001")
