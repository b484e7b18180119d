import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def timeuntil_days(due_on: datetime.date) -> str:
    days = (due_on - timezone.localdate()).days
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} overdue"
    if days == 0:
        return "Due today"
    return f"{days} day{'s' if days != 1 else ''}"


@register.simple_tag(takes_context=True)
def include_if_exists(context, template_name: str) -> str:
    """Includes a template another app may provide (e.g. panel actions on the case page)."""
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    try:
        return get_template(template_name).render(context.flatten(), context.get("request"))
    except TemplateDoesNotExist:
        return ""
