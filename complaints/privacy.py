"""The complaints a NIK was filed with, for a data subject's request (records.subjects)."""

from .models import Ticket


def resolve(subject) -> None:
    tickets = set(Ticket.objects.filter(nik=subject.number).values_list("pk", flat=True))
    tickets |= set(Ticket.pgh_event_model.objects.filter(nik=subject.number).values_list("pgh_obj_id", flat=True))
    subject.add("complaints.ticket", tickets)
