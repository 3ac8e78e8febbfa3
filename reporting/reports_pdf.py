"""The report as a PDF laid out as an LP2KD, rendered by WeasyPrint from a Django template."""

from django.template.loader import render_to_string
from django.utils import translation

from .reports_content import ReportContent


def report_pdf(content: ReportContent) -> bytes:
    from weasyprint import HTML  # loads Pango: only where PDFs are made

    with translation.override("id"):
        html = render_to_string("reporting/report_pdf.html", {"content": content, "report": content.report})
    # No base_url: the document loads nothing from outside itself (charts are inline SVG).
    return HTML(string=html).write_pdf()
