from django import forms, template

register = template.Library()


@register.filter
def is_choice_group(field) -> bool:
    """Radios, checkboxes and day/month/year dates sit in a fieldset with a legend."""
    widget = field.field.widget
    return isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.MultiWidget)


@register.filter
def is_checkbox(field) -> bool:
    """A single yes/no checkbox: the GOV.UK checkbox item, label after the box."""
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def error_anchor(field) -> str:
    """Where an error summary link takes the user: the field itself, or for radios, checkboxes
    and dates its first option or the day."""
    if is_choice_group(field):
        return f"{field.auto_id}_0"
    return field.id_for_label
