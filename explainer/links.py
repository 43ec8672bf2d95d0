"""Where a reader can check a source: one rule for every page, template and widget."""

from django.urls import reverse


def web_url(url) -> str:
    """`url` if it is a web address (http or https), else "": a `javascript:` URL saved
    around the admin's validation must never become a link."""
    text = str(url or "").strip()
    return text if text[:8].lower().startswith(("http://", "https://")) else ""


def source_url(source) -> str:
    """Where a reader can open a source (a Source or a SourceRef): the original, else the
    copy we read; "" when neither is a web address."""
    return web_url(getattr(source, "url", "")) or web_url(getattr(source, "read_at", ""))


def source_href(source) -> str:
    """Where a reader can check a source (a Source or a SourceRef): the original, else the
    copy we read, else its entry on the Sources page, which says why there is no link."""
    if source is None:
        return reverse("explainer:sources")
    return source_url(source) or reverse("explainer:sources") + f"#source-{source.key}"
