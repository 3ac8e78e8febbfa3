"""Django admin's exports (django-import-export) under the portal's one escaping rule (SECURITY-CHECKLIST EXP-01).

django-import-export's ``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` only strips a first ``=`` (so
``==HYPERLINK(…)`` stays live) and turns every cell into text. Instead, every resource the admin exports
with derives from ``SafeModelResource``: each text value goes through ``safe_cell``, the rule of
``desakumaju.lib.exports``, before tablib writes xlsx or csv; openpyxl then stores it as a string cell
(a value starting with ``'`` is never a formula). Numbers, dates and booleans keep their own widgets and
stay numbers, dates and booleans.
"""

from import_export import resources, widgets
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from .exports import safe_cell

# Widgets whose values are not text: a negative number is no formula, and stays a number.
NATIVE_WIDGETS = (
    widgets.NumberWidget, widgets.BooleanWidget, widgets.DateWidget, widgets.DateTimeWidget, widgets.TimeWidget,
    widgets.DurationWidget,
)  # fmt: skip


class SafeExportMixin:
    """Escapes every exported text value and header with ``safe_cell``."""

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        if isinstance(value, str) and not isinstance(field.widget, NATIVE_WIDGETS):
            return safe_cell(value)
        return value

    def get_export_headers(self, selected_fields=None):
        return [safe_cell(heading) for heading in super().get_export_headers(selected_fields=selected_fields)]


class SafeResource(SafeExportMixin, resources.Resource):
    pass


class SafeModelResource(SafeExportMixin, resources.ModelResource):
    pass


class SafeImportExportAdmin(ImportExportModelAdmin):
    """An admin with import and export in the portal's two formats; give it ``SafeModelResource``s."""

    formats = [CSV, XLSX]
