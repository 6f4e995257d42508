"""Where it happens: a council area said in so many words, against who was told."""
import pytest

from bot.rules.area import read_area
from bot.rules.policy import load_policy

POLICY = load_policy()


@pytest.mark.parametrize("text, place", [
    ("Whitchurch Lane, HA8, that's Harrow borough. Since the start of the summer", "Harrow"),
    ("I'm in Edgware but technically Harrow council not Barnet", "Harrow"),
    ("its not in barnet", None),
    ("in the London Borough of Enfield", "Enfield")])
def test_a_council_area_said_in_so_many_words_is_outside(text, place):
    # from a persona written without the code: "that's Harrow borough" was not heard, in a shared postcode district
    reading = read_area(text, POLICY)
    assert reading.inside is False and reading.place == place


@pytest.mark.parametrize("text", ["I reported it to Harrow council", "not Barnet Homes, its Clarion",
                                  "Oak Road N3, I told Barnet council"])
def test_a_council_told_or_a_landlord_is_not_where_it_happens(text):
    assert read_area(text, POLICY).inside is not False
