"""Full identity numbers only on request, with a reason, recorded (SECURITY-CHECKLIST PII-01, DOC-01).

Pages show every NIK and No KK masked, for every role. Next to a masked number, a user allowed to see it
in full finds "tampilkan": a small form (``{% reveal_number %}``) that POSTs a reason from a short list
(``Purpose``; "lainnya" needs a few words) to the page's reveal view. The view checks scope and right, then
``reveal_response`` records the access (``AccessAction.REVEAL``, the number's keyed hash, the reason) and
answers with the number for that record only (htmx swaps it in; without JavaScript, a small page).
"""

from django import forms
from django.shortcuts import render

from .access import AccessAction, record_access
from .models import Purpose

OTHER_NEEDS_TEXT = "Jelaskan alasannya bila memilih Lainnya."


class ReasonForm(forms.Form):
    """Why full numbers are needed: for a reveal, and for a full-number export."""

    tujuan = forms.ChoiceField(label="Alasan", choices=[("", "— pilih alasan —"), *Purpose.choices])
    keterangan = forms.CharField(label="Keterangan", max_length=300, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("tujuan") == Purpose.OTHER and not cleaned.get("keterangan", "").strip():
            self.add_error("keterangan", OTHER_NEEDS_TEXT)
        return cleaned


def may_see_full_numbers(user) -> bool:
    """Those who may correct the registry (Bappeda admins, district officers) may ask; the views add scope."""
    return bool(user.is_bappeda_admin or user.is_district_officer)


def reveal_response(request, *, number: str, masked: str, element_id: str, obj, **subject):
    """Record the reveal and answer with ``number``; a missing reason answers 400 with the form again.

    ``subject``: ``household_id`` and ``person_id`` for the access log (see ``records.access``).
    """
    form = ReasonForm(request.POST)
    target = request.POST.get("sasaran", "")
    context = {"element_id": element_id, "masked": masked, "url": request.path, "form": form, "allowed": True,
               "target": target}  # fmt: skip
    if not form.is_valid():
        return render(request, "records/_reveal.html", context, status=400)
    purpose, reason = form.cleaned_data["tujuan"], form.cleaned_data["keterangan"].strip()
    record_access(request, action=AccessAction.REVEAL, obj=obj, number=number, count=1, purpose=purpose,
                  reason=reason, **subject)  # fmt: skip
    context |= {"number": number, "purpose": Purpose(purpose).label}
    template = "records/_revealed.html" if request.htmx else "records/revealed.html"
    return render(request, template, context)
