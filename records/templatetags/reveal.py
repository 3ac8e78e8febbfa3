"""``{% reveal_number masked url allowed "anggota" person.pk %}``: a masked number and, for those allowed,
"tampilkan" (records.reveal). The last arguments name the number on the page (``anggota-12``): the reveal
view reads them as ``sasaran``, the swapped element's id is ``nomor-anggota-12``."""

from django import template

from ..reveal import ReasonForm

register = template.Library()


@register.inclusion_tag("records/_reveal.html")
def reveal_number(masked: str, url: str, allowed: bool, *target_parts):
    target = "-".join(str(part) for part in target_parts)
    element_id = f"nomor-{target}"
    form = ReasonForm(auto_id=f"{element_id}-%s")
    return {"masked": masked, "url": url, "element_id": element_id, "allowed": allowed, "target": target, "form": form}
