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


def test_a_wish_about_post_beside_an_email_is_not_a_refusal():
    from bot.dialogue import answers
    reading = answers.read_contact("Please use my work email, rachel@example.org.uk. I don't want anything "
                                   "coming to the house.")
    assert not reading.refused and reading.email == "rachel@example.org.uk"
    assert answers.read_contact("I'd rather not give my number").refused


def test_name_then_other_sentences_then_email():
    from bot.dialogue.questions import QUESTIONS, Ctx
    from tests.bot.dialogue.test_engine import POLICY, READER, TODAY
    reading = QUESTIONS["applicant_name"].read(
        "Martin Hale. Please use my work email, martin@example.org. I don't want anything coming to the house.",
        Ctx({}, POLICY, TODAY, READER))
    assert reading.values["applicant_name"] == "Martin Hale"
    assert reading.values["contact_email"] == "martin@example.org"


@pytest.mark.parametrize("text", ["cuzin", "my cuz", "my bro", "my sis", "my hubby", "my other half", "my fiancee",
                                  "my grandkids"])
def test_family_as_people_type_it(text):
    from bot.dialogue.answers import relationship_of
    assert relationship_of(text) == "family"
