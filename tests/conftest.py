import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Tests never read the developer's own data folder or today's date by accident.
os.environ.pop("TRIGGER_TODAY", None)
os.environ.pop("TRIGGER_POLICY", None)


import pytest


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # Lets fixtures see whether the test failed (to print a conversation's transcript).
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    """The real action server, Rasa server and web app, shared by the end-to-end
    and browser tests (started once per run)."""
    from tests.servers import start_servers

    running = start_servers(tmp_path_factory.mktemp("service-data"),
                            {"TRIGGER_EXIT_URL": "https://neutral.example/weather"})
    yield running
    running.supervisor.stop()


@pytest.fixture(scope="session")
def thameside_servers(tmp_path_factory):
    """The same servers for a second council, policies/examples/thameside.yml, with its own spaCy pipeline,
    training data and model (built apart in build/thameside), shared by the tests that play both councils."""
    from tests.servers import start_servers

    running = start_servers(tmp_path_factory.mktemp("thameside-data"),
                            {"TRIGGER_EXIT_URL": "https://neutral.example/weather", "TRIGGER_COOKIE_SECURE": "false"},
                            policy="policies/examples/thameside.yml")
    yield running
    running.supervisor.stop()
