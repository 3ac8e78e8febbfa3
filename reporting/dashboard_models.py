"""Freshness stamps of the dashboard's cached numbers: one per kabupaten/kota."""

from django.db import models


class DashboardStamp(models.Model):
    """Changes whenever data of its district that the dashboard counts changes (reporting.dashboard_freshness).

    Cached dashboard numbers are keyed by the stamp they were computed under, so a new stamp makes
    them unreachable at once in every web process.
    """

    district = models.OneToOneField(
        "villages.District", on_delete=models.CASCADE, primary_key=True, related_name="dashboard_stamp"
    )
    token = models.CharField(max_length=32, help_text="Acak; berganti setiap kali data kabupaten/kota ini berubah.")

    class Meta:
        verbose_name = "cap kesegaran dasbor"
        verbose_name_plural = "cap kesegaran dasbor"

    def __str__(self):
        return f"{self.district_id}:{self.token}"
