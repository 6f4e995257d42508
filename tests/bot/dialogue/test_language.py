"""ReportReader: reading a report out of one chat message, as Barnet residents
type them on a phone (lower case, typos, no punctuation, rambling).

Each table checks one fact of the reading, so a failure says which fact was
misread. Today is fixed at Tuesday 10 March 2026.
"""
from datetime import date

import pytest

from bot.dialogue.language import ReportReader
from bot.rules.policy import load_policy

TODAY = date(2026, 3, 10)  # a Tuesday

# Expected organisation values besides a category name.
UNKNOWN = "unknown"        # nothing found, or found with category None
AMBIGUOUS = "ambiguous"    # found, category None, ambiguous True


@pytest.fixture(scope="module")
def reader():
    return ReportReader(load_policy())


def _ids(table):
    return [row[0][:60] for row in table]


# -- who the report was made to ------------------------------------------------

ORGANISATIONS = [
    # police
    ("i rang the met about it last week", "police"),
    ("reported it to met police online", "police"),
    ("called the metropolitan police twice about them", "police"),
    ("rang 101 on the 3rd", "police"),
    ("phoned 101 and they gave me a cad number", "police"),
    ("told the safer neighbourhood team when they came round", "police"),
    ("the snt said they would patrol more", "police"),
    ("a pcso came round and took my details", "police"),
    ("i told the polise but nothing happened", "police"),
    ("emailed barnet police about the drug dealing", "police"),
    # council
    ("reported it to barnet council online", "council"),
    ("complained to the council about the noise", "council"),
    ("rang enviromental health about the music", "council"),
    ("the noise team came out at 2am and heard it", "council"),
    ("i reported it to the asb team", "council"),
    ("environmental health came round on the 5th", "council"),
    # housing providers
    ("reported it to barnet homs", "housing_provider"),
    ("told notting hil genisis about it", "housing_provider"),
    ("rang clarion housing about next door", "housing_provider"),
    ("complained to l&q", "housing_provider"),
    ("emailed my housing association", "housing_provider"),
    ("wrote to acme housing association last month", "housing_provider"),
    ("i rang barnet homes", "housing_provider"),
    ("rang the housing officer", "housing_provider"),
    # recorded but never counts
    ("i wrote to my mp", "other"),
    ("told a councillor at his surgery", "other"),
    ("mentioned it to my gp", "other"),
    ("told my private landlord", "other"),
    ("i told my neighbour", "other"),
    # could be more than one kind
    ("i told my landlord loads of times", AMBIGUOUS),
    # not a name we know
    ("reported it to acme lettings", UNKNOWN),
    # "101" is the police only when rung
    ("im in flat 101 and the noise is constant", UNKNOWN),
    ("i live in flat 101 and rang the council", "council"),
    # "met" the verb is not the Met
    ("met with my housing officer on the 5th", "housing_provider"),
    # the neighbour is who the report is about, the police who it was made to
    ("my neighbour at number 12 plays loud music every night so i rang the police", "police"),
    # "council" describing the tenancy, not who was told
    ("im a council tenant and i rang the police about it", "police"),
    # long rambling messages
    ("so basically its been going on since last summer, the lads hang round the bins by the "
     "garages every single night smoking weed and shouting and my daughter is scared to walk past, "
     "ive lost count of how many times ive complained, anyway i rang the metropolitan police "
     "again and they said theyd send someone but no one came and honestly im at the end of my "
     "tether with it all", "police"),
    ("sorry this is long but its been going on since last summer, the lads hang round the bins by the "
     "garages every single night smoking weed and shouting and my daughter is scared to walk past, "
     "ive lost count of how many times ive complained, anyway i rang barnet homs again and they "
     "said theyd send someone but no one came and honestly im at the end of my tether with it all",
     "housing_provider"),
]


@pytest.mark.parametrize("text,expected", ORGANISATIONS, ids=_ids(ORGANISATIONS))
def test_organisation(reader, text, expected):
    org = reader.read(text, TODAY).organisation
    if expected == UNKNOWN:
        assert org is None or org.category is None, org
    elif expected == AMBIGUOUS:
        assert org is not None and org.category is None and org.ambiguous, org
    else:
        assert org is not None, "no organisation read"
        assert org.category == expected, org


ORGANISATION_WORDS = [
    # (message, said, say)
    ("rang 101 about it", "101", "the police on 101"),
    ("the snt came round", "snt", "the Safer Neighbourhood Team"),
    ("i wrote to my mp", "mp", "your MP"),
    ("reported it to barnet homs", "barnet homs", "Barnet Homes"),
]


@pytest.mark.parametrize("text,said,say", ORGANISATION_WORDS, ids=_ids(ORGANISATION_WORDS))
def test_organisation_words(reader, text, said, say):
    org = reader.read(text, TODAY).organisation
    assert org is not None
    assert org.said.casefold() == said.casefold()
    assert org.say == say


# -- reference numbers ------------------------------------------------------------

# Expected references are compared ignoring case and spaces; a tuple lists
# every acceptable reading.
REFERENCES = [
    ("i rang the police on 3 Oct, ref CAD 4411/03OCT", "CAD 4411/03OCT"),
    ("they gave me cad4411/03oct", "CAD4411/03OCT"),
    ("crime ref 5201234/26", "5201234/26"),
    ("the crime reference number is 5201234/26 but nobody has been in touch", "5201234/26"),
    ("police said CRIS 01/2345678/26", ("01/2345678/26", "CRIS 01/2345678/26")),
    ("case number 123456 from enviromental health", "123456"),
    ("barnet homes ref: BH-12345", "BH-12345"),
    ("council gave me reference ASB/2026/0042 last month", "ASB/2026/0042"),
    ("my ref is ENV123456", "ENV123456"),
    ("log number 4411 from when i rang 101", "4411"),
    # not references
    ("you can call me on 07700 900123", None),
    ("my number for the report is 07700 900123", None),
    ("complaint line is 020 8359 2000", None),
    ("i rang 020 8359 2000 to make a complaint", None),
    ("rang the complaint number 0208 359 6071", None),
    ("i live at 12 oakleigh road N11 1NP", None),
    ("postcode for the report is N11 1NP", None),
    ("the incident was on 03/04/2026", None),
    ("reported the incident 03/02/2026", None),
    ("im in flat 101 and rang 999", None),
    ("ive made 3 reports and a complaint", None),
]


def _norm_ref(value):
    return value.replace(" ", "").casefold()


@pytest.mark.parametrize("text,expected", REFERENCES, ids=_ids(REFERENCES))
def test_reference(reader, text, expected):
    ref = reader.read(text, TODAY).reference
    if expected is None:
        assert ref is None
    else:
        accepted = expected if isinstance(expected, tuple) else (expected,)
        assert ref is not None, "no reference read"
        assert _norm_ref(ref) in {_norm_ref(a) for a in accepted}, ref


# -- the person dealt with -------------------------------------------------------

PEOPLE = [
    ("spoke to PC Smith", "PC Smith"),
    ("spoke to pc smith at colindale", "PC Smith"),
    ("spoke to pcso james", "PCSO James"),
    ("a lady called Janet Brown from barnet homes rang me back", "Janet Brown"),
    ("dealt with Mr Patel at the council", "Mr Patel"),
    ("the officer called Dave said hed look into it", "Dave"),
    ("spoke to a lady called sarah at enviromental health", "Sarah"),
    ("spoke to the police", None),
    ("spoke to someone at the council", None),
    ("spoke to them on monday", None),
    ("spoke to barnet homes", None),
    ("spoke to loads of people at the council", None),
    ("spoke to customer services at barnet homes", None),
    ("a police officer came round last week", None),
    ("a housing officer called me back", None),
]


@pytest.mark.parametrize("text,expected", PEOPLE, ids=_ids(PEOPLE))
def test_person(reader, text, expected):
    person = reader.read(text, TODAY).person
    if expected is None:
        assert person is None
    else:
        assert person is not None, "no person read"
        assert person.casefold() == expected.casefold()


# -- dates -------------------------------------------------------------------------

DATES = [
    ("i rang the police on 3 Oct, ref CAD 4411/03OCT", date(2025, 10, 3)),
    ("ref CAD 4411/03OCT", None),
    ("they gave me cad4411/03oct", None),
    ("emailed barnet homes yesterday", date(2026, 3, 9)),
    ("rang the council two weeks ago", date(2026, 2, 24)),
    ("reported it on 03/02/2026 crime ref 5201234/26", date(2026, 2, 3)),
    ("rang 101 on the 2nd of march", date(2026, 3, 2)),
    ("wrote to clarion on the 14th feb", date(2026, 2, 14)),
    ("called them last monday", date(2026, 3, 2)),  # said on a Tuesday: the week before (yesterday is "yesterday")
]


@pytest.mark.parametrize("text,expected", DATES, ids=_ids(DATES))
def test_date(reader, text, expected):
    reading = reader.read(text, TODAY).date
    if expected is None:
        assert reading is None or reading.date is None, reading
    else:
        assert reading is not None, "no date read"
        assert reading.date == expected, reading


def test_future_date_is_a_problem_not_a_reference(reader):
    reading = reader.read("the incident was on 03/04/2026", TODAY)
    assert reading.reference is None
    assert reading.date is not None and reading.date.problem == "future"


SEVERAL = [
    ("rang them on the 2nd and again on the 9th", True),
    ("rang the police on 3 feb and the council on 10 feb", True),
    ("rang 101 on the 3rd", False),
    ("i rang the police on 3 Oct, ref CAD 4411/03OCT", False),
    ("crime ref 5201234/26", False),
]


@pytest.mark.parametrize("text,expected", SEVERAL, ids=_ids(SEVERAL))
def test_several_reports(reader, text, expected):
    assert reader.read(text, TODAY).several_reports is expected


def test_two_dates_in_one_message(reader):
    reading = reader.read("rang them on the 2nd and again on the 9th", TODAY)
    assert [d.date for d in reading.dates if d.ok] == [date(2026, 3, 2), date(2026, 3, 9)]


NOTHING = [
    "hello",
    "it's been awful",
    "hi can you help me",
    "its been awful the kids upstairs scream and bang all the time",
    "what is the community trigger",
]


@pytest.mark.parametrize("text", NOTHING, ids=[t[:60] for t in NOTHING])
def test_nothing_about_a_report(reader, text):
    assert reader.read(text, TODAY).found_anything is False


# -- whole messages: every fact at once ---------------------------------------------

WHOLE = [
    # (message, category, reference, person, date)
    ("rang 101 on the 3rd ref CAD 4411/03MAR spoke to pc smith",
     "police", "CAD 4411/03MAR", "PC Smith", date(2026, 3, 3)),
    ("barnet homs sent a lady called janet brown round on 14 feb my ref is BH-12345",
     "housing_provider", "BH-12345", "Janet Brown", date(2026, 2, 14)),
    ("emailed enviromental health yesterday case number 123456",
     "council", "123456", None, date(2026, 3, 9)),
    ("so the people in the flat above me have been playing music till 4 in the morning for "
     "months and ive had enough ive got two kids who cant sleep, i rang the police on 3 feb and "
     "spoke to pcso james who said hed pass it on but nothing happened crime ref 5201234/26 "
     "im at my wits end",
     "police", "5201234/26", "PCSO James", date(2026, 2, 3)),
    ("told the council", "council", None, None, None),
    ("it was about 2 weeks ago", None, None, None, date(2026, 2, 24)),
]


@pytest.mark.parametrize("text,category,reference,person,when", WHOLE, ids=_ids(WHOLE))
def test_whole_message(reader, text, category, reference, person, when):
    r = reader.read(text, TODAY)
    got = (
        r.organisation.category if r.organisation else None,
        _norm_ref(r.reference) if r.reference else None,
        r.person.casefold() if r.person else None,
        r.date.date if r.date else None,
    )
    want = (
        category,
        _norm_ref(reference) if reference else None,
        person.casefold() if person else None,
        when,
    )
    assert got == want


def test_a_lone_surrogate_is_read_not_crashed_on(reader):
    # what json.loads makes of a broken "\\ud800" escape
    reading = reader.read("rang the police \ud800 on 2 march", date(2026, 3, 10))
    assert reading.organisation is not None and reading.organisation.category == "police"
    assert reading.date is not None and reading.date.ok
