"""Province → kabupaten/kota → kecamatan → desa: the same numbers at each level, adding up."""

from django.urls import reverse

from reporting.tests.helpers import dashboard


def test_the_district_level_rows_its_kecamatan(dataset, admin_user, village_a):
    response = dashboard(admin_user, district=village_a.district_id)
    rows = {code: n for code, _, n, _ in response.context["rows"]}
    assert set(rows) == {"18.01.04", "18.01.05"}
    assert (rows["18.01.04"].households[1], rows["18.01.05"].households[5]) == (1, 1)
    assert response.context["numbers"].reached == 4


def test_the_kecamatan_level_rows_its_villages_and_links_down(dataset, admin_user, village_a):
    response = dashboard(admin_user, subdistrict=village_a.subdistrict_id, semester=1)
    [(code, _, numbers, url)] = response.context["rows"]
    assert (code, numbers.reached, numbers.work.realised) == (village_a.code, 4, 4_000_000)
    assert f"village={village_a.pk}" in url and "semester=1" in url


def test_the_village_level_shows_the_village_with_the_same_numbers(dataset, admin_user, village_a):
    response = dashboard(admin_user, village=village_a.pk)
    numbers = response.context["numbers"]
    assert (numbers.persons[1], numbers.graduated_persons, numbers.locus) == (3, 2, 1)
    assert [label for label, _ in response.context["breadcrumb"]] == [
        "Provinsi Lampung",
        "Kabupaten Lampung Selatan",
        "Natar",
    ]
    assert reverse("villages:detail", kwargs={"code": village_a.code}) in response.content.decode()


def test_links_lead_to_the_lists_behind_the_numbers(dataset, admin_user, village_a):
    response = dashboard(admin_user, village=village_a.pk)
    links = response.context["links"]
    region = f"district={village_a.district_id}&subdistrict={village_a.subdistrict_id}&village={village_a.pk}"
    assert links["by_desil"][1] == f"{reverse('beneficiaries:household_list')}?{region}&status=aktif&desil=1"
    assert links["graduated"] == f"{reverse('beneficiaries:household_list')}?{region}&status=graduasi"
    assert (
        links["interventions"] == f"{reverse('programs:intervention_list')}?tahun=2026&district={village_a.district_id}"
    )
    assert links["locus"] == f"{reverse('programs:locus_villages')}?tahun=2026&district={village_a.district_id}"


def test_the_household_list_behind_a_desil_number_shows_that_many(dataset, admin_user, client):
    link = dashboard(admin_user).context["links"]["by_desil"][1]
    client.force_login(admin_user)
    assert client.get(link).context["table"].paginator.count == 2


def test_an_unknown_region_is_not_found(dataset, admin_user):
    assert dashboard(admin_user, village=999999).status_code == 404
    assert dashboard(admin_user, district="x").status_code == 404
