from django import template
from django.urls import reverse, translate_url

from systems.record import PARAMETERS_BY_NAME
from systems.record import signed as signed_text

register = template.Library()


@register.filter
def signed(value) -> str:
    """+30, −10, +0.5: deltas with a real minus sign."""
    if value is None:
        return ""
    return signed_text(value)


@register.filter
def param_label(name: str) -> str:
    parameter = PARAMETERS_BY_NAME.get(name)
    return str(parameter.label) if parameter else name


@register.filter
def source_href(source) -> str:
    """Where a reader can check a source (a Source or a SourceRef): the original, else the
    copy we read, else its entry on the Sources page, which says why there is no link."""
    if source is None:
        return reverse("explainer:sources")
    link = getattr(source, "url", "") or getattr(source, "read_at", "")
    return link or reverse("explainer:sources") + f"#source-{source.key}"


@register.simple_tag(takes_context=True)
def language_url(context, code: str) -> str:
    request = context["request"]
    return translate_url(request.get_full_path(), code)


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def field_html(page, name: str):
    """A page's cited front-matter line (e.g. "since"), as HTML with source links."""
    return page.field_html(name)


@register.filter
def unpin(query: str) -> str:
    """A permalink's query without its `rules=` pin: the same record with today's rules."""
    from django.http import QueryDict
    params = QueryDict(query, mutable=True)
    params.pop("rules", None)
    return params.urlencode()
