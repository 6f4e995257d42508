"""bot.dialogue.safety: danger happening now goes to 999; what keeps happening, or happened, is for the Community Trigger."""
import pytest

from bot.dialogue.safety import in_danger_now


@pytest.mark.parametrize("text", [
    "they're outside my door banging on it",
    "someone is smashing my windows right now",
    "kids outside the house kicking the door",
    "they keep banging on my door right now",          # a habit, but happening now
    "he's got a knife",
    "help me",
    "they're trying to break in",
    "we're not safe",
    "they were here yesterday and now they're kicking the door in",
    "someone is in my flat",
])
def test_danger_now(text):
    assert in_danger_now(text)


@pytest.mark.parametrize("text", [
    "hi, the lads outside the flats keep dealing drugs and smashing bottles",
    "they keep smashing bottles outside my house every night",
    "every night they are outside my house shouting at us",
    "they were kicking the door last night",
    "they threatened us last week",
    "loud music every weekend for months",
    "",
])
def test_not_danger_now(text):
    assert not in_danger_now(text)
