"""Reading the change trail: the event models, and one record's changes as people read them."""

from django.apps import apps

from .models.changes import ChangeEvent


def change_models() -> list:
    """Every event model of the change trail (one per tracked model)."""
    return [
        model for model in apps.get_app_config("records").get_models()
        if issubclass(model, ChangeEvent) and not model._meta.abstract
    ]  # fmt: skip
