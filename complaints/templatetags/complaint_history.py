"""``{% correction_history household %}``: the registry record's changes that came from tickets."""

from django import template

from ..models import RecordChange

register = template.Library()


@register.inclusion_tag("complaints/_record_changes.html")
def correction_history(household):
    return {"changes": RecordChange.objects.of_household(household)}
