"""bot.dialogue.answers.read_name: a name as people type it; not knowing, yes and no are not names."""
import pytest

from bot.dialogue.answers import read_name


@pytest.mark.parametrize("text,name", [
    ("jo bloggs", "Jo Bloggs"), ("it's Margaret Hill", "Margaret Hill"), ("o'neil-smith", "O'Neil-Smith"),
])
def test_names(text, name):
    assert read_name(text).name == name


@pytest.mark.parametrize("text,words", [
    ("dunno", "as best you can"), ("no idea", "as best you can"), ("yes", "Please type the name"),
    ("07700 900123", "doesn't look like a name"),
])
def test_not_names(text, words):
    reading = read_name(text)
    assert reading.name is None and words in reading.problem


def test_refusing_is_told_apart():
    assert read_name("I'd rather not say").refused


@pytest.mark.parametrize("text,name", [
    ("It's Priya, Priya Shah", "Priya Shah"), ("Jo - Joanne Bloggs", "Joanne Bloggs"), ("Smith, John", "Smith, John"),
])
def test_a_first_name_then_the_full_name_is_the_full_name(text, name):
    assert read_name(text).name == name


@pytest.mark.parametrize("text,name", [
    ("Siddharth Menon, but everyone calls me Sid", "Siddharth Menon"), ("Mrs Joan Ellis (call me Joan)", "Mrs Joan Ellis"),
    ("Karen. Karen Mitchell", "Karen Mitchell"),
])
def test_what_people_call_them_is_not_part_of_the_name(text, name):
    assert read_name(text).name == name


def test_a_word_put_right_as_it_was_typed():
    assert read_name("robert grenwood sorry greenwood").name == "Robert Greenwood"
