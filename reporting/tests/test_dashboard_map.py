"""The boundary file's 15 features match Lampung's 15 districts, by code or else by name."""

import json

from reporting.dashboard_map import features, match_features, name_key
from reporting.tests.helpers import dashboard
from villages.models import District
from villages.regions import load_regions


def test_all_15_features_match_the_loaded_districts(db):
    load_regions()
    districts = dict(District.objects.values_list("code", "name"))
    assert len(districts) == len(features()) == 15
    assert match_features(districts) == {code: code for code in districts}


def test_a_feature_matches_by_name_when_codes_differ(db):
    load_regions()
    renamed = {
        f"X{code}": name.replace("Kabupaten", "Kab.").upper()
        for code, name in District.objects.values_list("code", "name")
    }
    matched = match_features(renamed)
    assert len(matched) == 15
    assert matched["18.72"] == "X18.72"


def test_names_are_compared_without_prefix_spelling_or_spaces():
    assert name_key("Kab. Tulang  Bawang Barat") == name_key("Kabupaten Tulangbawang Barat")
    assert name_key("Kota Metro") != name_key("Kabupaten Metro")


def test_the_province_page_passes_every_districts_indicators_to_the_map(dataset, admin_user, district_a, district_b):
    response = dashboard(admin_user)
    data = json.loads(response.context["chart_data"] and json.dumps(response.context["chart_data"]))
    by_code = {item["name"]: item for item in data["map"]}
    assert set(by_code) == {district_a.code, district_b.code}
    assert by_code[district_a.code]["values"] == {"poor": 2, "desil1_share": 33.3, "reached": 4, "graduated": 2,
                                                  "realised": 4_000_000}  # fmt: skip
    assert 'id="dashboard-data"' in response.content.decode()
