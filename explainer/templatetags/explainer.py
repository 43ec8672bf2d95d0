from django import template
from django.urls import translate_url

from systems.record import PARAMETERS_BY_NAME

register = template.Library()


@register.filter
def signed(value) -> str:
    """+30, −10, +0.5: deltas with a real minus sign."""
    if value is None:
        return ""
    text = f"{value:+g}"
    return text.replace("-", "−")


@register.filter
def param_label(name: str) -> str:
    parameter = PARAMETERS_BY_NAME.get(name)
    return str(parameter.label) if parameter else name


@register.simple_tag(takes_context=True)
def language_url(context, code: str) -> str:
    request = context["request"]
    return translate_url(request.get_full_path(), code)


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None
