"""OrganisationIndex.classify: an answer to "who did you report it to?" that is
only an organisation's name, typed the way Barnet residents type it."""
import pytest

from bot.rules.organisations import OrganisationIndex
from bot.rules.policy import load_policy

UNKNOWN = "unknown"        # None, or a match with category None
AMBIGUOUS = "ambiguous"    # a match with category None and ambiguous True


@pytest.fixture(scope="module")
def index():
    return OrganisationIndex(load_policy())


CATEGORIES = [
    # police
    ("the Met", "police"),
    ("met", "police"),
    ("Met Police", "police"),
    ("metropolitan police", "police"),
    ("Metropolitan Police Service", "police"),
    ("101", "police"),
    ("rang 101", "police"),
    ("Safer Neighbourhood Team", "police"),
    ("safer neighbourhoods team", "police"),
    ("snt", "police"),
    ("SNT", "police"),
    ("PCSO", "police"),
    ("a pcso", "police"),
    ("the polise", "police"),
    ("metropolitan polce", "police"),
    ("barnet police", "police"),
    # council
    ("Barnet Council", "council"),
    ("the council", "council"),
    ("barnet concil", "council"),
    ("environmental health", "council"),
    ("enviromental health", "council"),
    ("noise team", "council"),
    ("the noise team", "council"),
    ("ASB team", "council"),
    ("asb team at the council", "council"),
    ("lbb", "council"),
    # housing providers
    ("Barnet Homes", "housing_provider"),
    ("barnet homs", "housing_provider"),
    ("Notting Hill Genesis", "housing_provider"),
    ("notting hil genisis", "housing_provider"),
    ("clarion", "housing_provider"),
    ("clarrion", "housing_provider"),
    ("L&Q", "housing_provider"),
    ("l & q", "housing_provider"),
    ("l and q", "housing_provider"),
    ("my housing association", "housing_provider"),
    ("Acme Housing Association", "housing_provider"),
    ("metropolitan thames valley", "housing_provider"),
    ("genesis", "housing_provider"),
    ("the housing officer", "housing_provider"),
    ("the housing association", "housing_provider"),
    # recorded but never counts
    ("my MP", "other"),
    ("a councillor", "other"),
    ("local councillor", "other"),
    ("GP", "other"),
    ("my gp", "other"),
    ("private landlord", "other"),
    ("my private landlord", "other"),
    ("neighbour", "other"),
    ("my neighbour", "other"),
    # could be more than one kind
    ("my landlord", AMBIGUOUS),
    ("landlord", AMBIGUOUS),
    ("the housing", AMBIGUOUS),
    # not an organisation we know
    ("Acme Lettings", UNKNOWN),
    ("no idea", UNKNOWN),
    ("flat 101", UNKNOWN),
    ("", UNKNOWN),
]


@pytest.mark.parametrize("answer,expected", CATEGORIES, ids=[a or "<empty>" for a, _ in CATEGORIES])
def test_classify(index, answer, expected):
    match = index.classify(answer)
    if expected == UNKNOWN:
        assert match is None or match.category is None, match
    elif expected == AMBIGUOUS:
        assert match is not None and match.category is None and match.ambiguous, match
    else:
        assert match is not None, "no organisation"
        assert match.category == expected, match
        assert not match.ambiguous


SAY = [
    # (answer, said, say)
    ("my MP", None, "your MP"),
    ("snt", None, "the Safer Neighbourhood Team"),
    ("101", "101", "the police on 101"),
    ("enviromental health", None, "the council's environmental health team"),
    ("barnet homs", "barnet homs", "Barnet Homes"),
    ("Acme Housing Association", "Acme Housing Association", None),
    ("my landlord", None, None),
]


@pytest.mark.parametrize("answer,said,say", SAY, ids=[a for a, _, _ in SAY])
def test_said_and_say(index, answer, said, say):
    match = index.classify(answer)
    assert match is not None
    if said is not None:
        assert match.said == said
    if say is not None:
        assert match.say == say
    assert match.said  # always keeps the resident's words
