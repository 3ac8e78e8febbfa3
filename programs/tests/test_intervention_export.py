import io

import openpyxl
import pytest
from django.urls import reverse

from tests.factories import AgencyFactory, InterventionFactory

EXPORT = reverse("programs:intervention_export")


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.getvalue())).active


def test_it_exports_the_filtered_interventions_with_numbers_as_numbers(client, admin_user, village_a, village_b):
    InterventionFactory(description="Di A", village=village_a, planned_budget=1_250_000)
    InterventionFactory(description="Di B", village=village_b)
    client.force_login(admin_user)
    response = client.get(EXPORT, {"district": village_a.district_id})
    assert 'filename="intervensi-2026.xlsx"' in response["Content-Disposition"]
    rows = list(_sheet(response).iter_rows(values_only=True))
    assert rows[0][:3] == ("Tahun", "Kode program", "Program")
    assert len(rows) == 2 and "Di A" in rows[1] and 1_250_000 in rows[1] and "Direncanakan" in rows[1]


def test_it_writes_formula_like_text_as_text(client, agency_staff, village_a, agency):
    InterventionFactory(
        description='=HYPERLINK("http://x","klik")', unit="==1+1", village=village_a, program__lead_agency=agency
    )
    client.force_login(agency_staff)
    sheet = _sheet(client.get(EXPORT))
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    values = [cell.value for cell in cells]
    assert '\'=HYPERLINK("http://x","klik")' in values and "'==1+1" in values


def test_it_exports_only_what_the_user_may_see(client, agency_staff, village_a, agency):
    InterventionFactory(description="Milik sendiri", village=village_a, program__lead_agency=agency)
    InterventionFactory(description="Milik lain", village=village_a, program__lead_agency=AgencyFactory())
    client.force_login(agency_staff)
    values = {value for row in _sheet(client.get(EXPORT)).iter_rows(values_only=True) for value in row}
    assert "Milik sendiri" in values and "Milik lain" not in values


@pytest.mark.parametrize("params", [{"agency": "999999"}, {"tahun": "abc"}])
def test_an_invalid_filter_exports_nothing(client, admin_user, village_a, params):
    InterventionFactory(village=village_a)
    client.force_login(admin_user)
    assert _sheet(client.get(EXPORT, params)).max_row == 1
