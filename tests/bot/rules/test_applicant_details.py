"""bot.rules.applicant_details: the one set of rules for a stored name, email address, phone number, postcode
and text, at each boundary."""
import pytest

from bot.rules.applicant_details import (LONGER_THAN_A_NAME, NAME_WITHOUT_LETTERS, NOT_A_NAME, email_problem,
                                         name_problem, normalise_phone, postcode_problem, text_problem,
                                         without_unsafe_characters)


@pytest.mark.parametrize("name,problem", [
    ("Jo Bloggs", None), ("A" * 80, None), ("A" * 81, LONGER_THAN_A_NAME),
    ("one two three four five six", None), ("one two three four five six seven", LONGER_THAN_A_NAME),
    ("Over-60s Club", None), ("Flat 3", NOT_A_NAME), ("Number 12 Shop", None),
    ("jo@example.org", NOT_A_NAME), ("http://evil.example", NOT_A_NAME), ("Https://Evil.Example", NOT_A_NAME),
    ("www.evil.example", NOT_A_NAME), ("<b>Jo</b>", NOT_A_NAME), ("=HYPERLINK(A)", NOT_A_NAME),
    ("\u202eevil", NOT_A_NAME), ("Jo\tBloggs\x00", NOT_A_NAME), ("---", NAME_WITHOUT_LETTERS),
    ("Zoltán Horváth", None), ("Siobhán Ní Bhriain", None),
])
def test_name_problem(name, problem):
    assert name_problem(name) == problem


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\r", "\x1b", "\x1f", "\x7f", "\x85",
                                  "\x9f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
                                  "\u2068", "\u2069"])
def test_control_and_direction_characters_are_refused_and_can_be_taken_out(char):
    assert text_problem(f"a{char}b") and without_unsafe_characters(f"a{char}b") == "ab"


@pytest.mark.parametrize("text", ["line one\nline two", "a\tb", "\u200f\u200e", "Zoë", "\u00a0", "\x20\x7e"])
def test_newlines_tabs_and_ordinary_characters_are_fine(text):
    assert text_problem(text) is None and without_unsafe_characters(text) == text


@pytest.mark.parametrize("email,ok", [
    ("jo@example.org", True), ("jo.o'neil+asb@example.co.uk", True), ("not-an-email", False), ("jo@example", False),
    ("jo@@example.org", False), ("jo @example.org", False), ("x" * 242 + "@example.org", True),
    ("x" * 243 + "@example.org", False),
])
def test_email_problem(email, ok):
    assert (email_problem(email) is None) == ok


@pytest.mark.parametrize("text,phone", [
    ("07700 900123", "07700 900123"), ("+447700900123", "07700 900123"), ("0044 7700 900123", "07700 900123"),
    ("020 7946 0000", "020 7946 0000"), ("01234 56789", "01234 56789"), ("0123456789", "01234 56789"),
    ("12345", None), ("012345678", None), ("077009001234", None), ("0770090012", None),
])
def test_normalise_phone(text, phone):
    assert normalise_phone(text)[0] == phone
    assert (normalise_phone(text)[1] is None) == (phone is not None)
    if phone:
        assert normalise_phone(phone) == (phone, None)  # stored as read, and read again the same


@pytest.mark.parametrize("postcode,ok", [
    ("N11 1NP", True), ("n111np", True), ("EC1A 1BB", True), ("SW1A 0AA", True), ("N11", False),
    ("N11 1NP x", False), ("NOT A POSTCODE", False),
])
def test_postcode_problem(postcode, ok):
    assert (postcode_problem(postcode) is None) == ok


@pytest.mark.parametrize("name", ["محمد علي", "李明", "Γιώργος Παππάς", "Łukasz Żółć", "Олена Коваль", "রহিম উদ্দিন",
                                  "דוד כהן", "Nguyễn Thị Lan"])
def test_a_name_in_any_script_is_a_name_to_the_conversation_and_the_store(name):
    from bot.dialogue.answers import read_name
    assert name_problem(name) is None
    assert read_name(name).name == name


@pytest.mark.parametrize("typed, phone", [("+44 (0) 7700 900 246", "07700 900246"), ("+44(0)20 7946 0000", "020 7946 0000"),
                                          ("0044 (0) 7700 900246", "07700 900246")])
def test_the_uk_trunk_zero_in_brackets_is_not_a_digit_of_the_number(typed, phone):
    from bot.rules.applicant_details import normalise_phone
    assert normalise_phone(typed) == (phone, None)


def test_a_name_given_twice_with_an_international_number_is_the_full_name_and_the_number():
    from bot.dialogue import answers
    contact = answers.read_contact("Karen. Karen Mitchell, +44 (0) 7700 900 246")
    assert contact.phone == "07700 900246"
    assert answers.read_name(answers.without_contact("Karen. Karen Mitchell, +44 (0) 7700 900 246")).name == \
        "Karen Mitchell"
