import dataclasses
import re

import pytest

from tests.e2e.scripts import BARNET, THAMESIDE
from tests.test_no_council_in_code import _council_words

# Barnet's own words, which the second council must never say (the Met serves both London boroughs)
BARNET_WORDS = sorted(set(_council_words()) - set(_council_words(THAMESIDE.policy.path)))


def barnet_words_in(text: str):
    """Barnet's own words in what another council's service said (and "Community Trigger", Barnet's scheme)."""
    found = [w for w in BARNET_WORDS if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text, re.I)]
    return found + (["Community Trigger"] if "Community Trigger" in text else [])


@pytest.fixture(params=["barnet", "thameside"], scope="module")
def council(request):
    """Each council the suite serves, with its running servers: a test that takes it is played for both."""
    c = {"barnet": BARNET, "thameside": THAMESIDE}[request.param]
    return dataclasses.replace(c, servers=request.getfixturevalue(
        "servers" if c is BARNET else "thameside_servers"))


@pytest.fixture()
def chat(request):
    """A conversation with the servers of the test's council (Barnet's when the test takes none). A second
    council's conversation must never say a word of Barnet's."""
    council = request.getfixturevalue("council") if "council" in request.fixturenames else None
    running = council.servers if council else request.getfixturevalue("servers")
    conversation = running.chat()
    yield conversation
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        print("\nTranscript:\n" + conversation.dump())
    elif council is not None and council.key != "barnet":
        found = barnet_words_in("\n".join(conversation.transcript))
        assert not found, found
