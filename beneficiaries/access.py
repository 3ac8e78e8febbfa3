"""Who browses the BNBA registry: the roles its lists and exports are for, and what they see there."""

from accounts.models import Role

from .models import Household

# Agency staff reach people through their own interventions (the recipient forms); the whole registry
# is not theirs to browse. Its lists answer them 403: a list is no object, so the refusal confirms
# nothing, and an empty list would wrongly suggest the registry is empty. A single household answers
# them 404 like any object outside the user's scope.
REGISTRY_ROLES = frozenset({Role.BAPPEDA_ADMIN, Role.DISTRICT_OFFICER, Role.VIEWER})


def registry_households(user):
    """Households the user may browse in the registry (the scoped queryset, for registry roles)."""
    if getattr(user, "role", None) not in REGISTRY_ROLES:
        return Household.objects.none()
    return Household.objects.visible_to(user)
