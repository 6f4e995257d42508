import pytest


@pytest.fixture()
def chat(servers, request):
    conversation = servers.chat()
    yield conversation
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        print("\nTranscript:\n" + conversation.dump())
