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
