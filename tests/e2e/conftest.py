import pytest

from tests.servers import start_servers


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    running = start_servers(tmp_path_factory.mktemp("e2e-data"))
    yield running
    running.supervisor.stop()


@pytest.fixture()
def chat(servers, request):
    conversation = servers.chat()
    yield conversation
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        print("\nTranscript:\n" + conversation.dump())
