"""The one scoping mechanism: what part of the province a user may see.

Every scoped model's QuerySet has ``visible_to(user)``; models placed in a district get it from
``ScopedQuerySet`` (work of an agency too, with ``agency_lookup``; registry rows, which agency staff
reach only in the villages their agency works in, with ``village_lookup``), and ``editable_by(user)``
from ``RegionScopedQuerySet``. The scope is computed from the user row loaded on each request, so a
revoked district or agency takes effect at the next request.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import models

from .models import Role


@dataclass(frozen=True)
class Scope:
    whole_province: bool = False
    district_id: int | None = None
    agency_id: int | None = None

    @classmethod
    def of(cls, user) -> "Scope":
        if not (user.is_authenticated and user.is_active):
            return cls()
        if user.role == Role.BAPPEDA_ADMIN:
            return cls(whole_province=True)
        if user.role == Role.VIEWER:
            return cls(whole_province=not user.district_id, district_id=user.district_id)
        if user.role == Role.DISTRICT_OFFICER:
            return cls(district_id=user.district_id)
        if user.role == Role.AGENCY_STAFF and user.agency_id:
            agency = user.agency
            if not agency.active:
                return cls()
            return cls(
                whole_province=not agency.district_id,
                district_id=agency.district_id,
                agency_id=agency.pk,
            )
        return cls()

    @property
    def is_empty(self) -> bool:
        return not (self.whole_province or self.district_id or self.agency_id)


def in_agency_villages(agency_id: int, village_lookup: str) -> models.Q:
    """Rows in the villages an agency works in: those of its interventions and of its assignments
    not cancelled (SECURITY-CHECKLIST AC-02/AC-09). Named by app label: accounts sits below programs."""
    interventions = apps.get_model("programs", "Intervention").objects.filter(agency=agency_id)
    assignments = apps.get_model("programs", "Assignment").objects.filter(agency=agency_id).exclude(status="cancelled")
    return models.Q(**{f"{village_lookup}__in": interventions.values("village")}) | models.Q(
        **{f"{village_lookup}__in": assignments.values("village")}
    )


class ScopedQuerySet(models.QuerySet):
    """``visible_to(user)`` for models that sit in a district, found through ``district_lookup``.

    With ``agency_lookup`` the rows are an agency's work (delivered by it, routed to it): agency staff
    see their own agency's rows, wherever they are; everyone else sees them by district.
    With ``village_lookup`` the rows are people of the registry: agency staff see only those in the
    villages their agency works in (``in_agency_villages``), within their district if it has one.
    """

    district_lookup = "district"
    agency_lookup: str | None = None
    village_lookup: str | None = None

    def visible_to(self, user):
        scope = Scope.of(user)
        if self.agency_lookup and scope.agency_id:
            return self.filter(**{self.agency_lookup: scope.agency_id})
        rows = self
        if self.village_lookup and scope.agency_id:
            rows = rows.filter(in_agency_villages(scope.agency_id, self.village_lookup))
        if scope.whole_province:
            return rows
        if scope.district_id:
            return rows.filter(**{self.district_lookup: scope.district_id})
        return self.none()


class RegionScopedQuerySet(ScopedQuerySet):
    """``visible_to(user)`` by district, and ``editable_by(user)``."""

    def editable_by(self, user):
        """Rows the user may edit: Bappeda admins everywhere, district officers in their district."""
        if user.is_bappeda_admin or user.is_district_officer:
            return self.visible_to(user)
        return self.none()
