"""bot serve's supervisor with real processes: a server killed with SIGKILL (as an out-of-memory kill would)
is restarted after a pause and answers again, the others go on serving meanwhile, and one that keeps dying
is given up on with its exit code said."""
import socket
import sys
import threading
import time

from bot.ops.services import Service, Supervisor


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _http(name: str, tmp_path) -> Service:
    port = _port()
    return Service(name, [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                   f"http://127.0.0.1:{port}/", tmp_path / f"{name}.log", cwd=tmp_path)


def test_a_killed_server_is_restarted_and_the_others_keep_serving(tmp_path):
    supervisor = Supervisor({})
    first, second = _http("first", tmp_path), _http("second", tmp_path)
    said = []
    try:
        supervisor.start(first, timeout=20)
        supervisor.start(second, timeout=20)
        watcher = threading.Thread(target=supervisor.keep_running, kwargs={"say": said.append, "backoff": (1,)},
                                   daemon=True)
        watcher.start()
        old_pid = first.process.pid
        first.kill()
        assert second.healthy()  # the other one goes on serving while the first is down
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not any("running again" in line for line in said):
            time.sleep(0.2)
        assert first.healthy() and first.process.pid != old_pid
        assert any("first stopped (exit code -9)" in line for line in said), said
        assert any("first is running again" in line for line in said), said
        assert second.healthy()
    finally:
        supervisor.stop()


def test_a_server_that_keeps_dying_is_given_up_on_and_said_why(tmp_path):
    supervisor = Supervisor({})
    flaky = _http("flaky", tmp_path)
    said = []
    try:
        supervisor.start(flaky, timeout=20)
        flaky.argv = [sys.executable, "-c", "import sys; sys.exit(3)"]  # from now on it cannot start
        flaky.kill()
        gave_up = supervisor.keep_running(say=said.append, backoff=(0,), give_up_after=3, window=60, poll=0.05)
        assert gave_up is flaky
        assert sum("restarting it in 0 s" in line for line in said) == 3
        assert "stopped 4 times in 60 s (last exit code 3); not restarting it again" in said[-1]
    finally:
        supervisor.stop()


def test_the_pause_grows_and_is_capped(tmp_path):
    supervisor = Supervisor({})
    flaky = _http("slow", tmp_path)
    pauses, said = [], []
    try:
        supervisor.start(flaky, timeout=20)
        flaky.argv = [sys.executable, "-c", "import sys; sys.exit(1)"]
        flaky.kill()
        supervisor.keep_running(say=said.append, give_up_after=7, window=3600, poll=0.01,
                                sleep=lambda s: pauses.append(s) if s >= 1 else time.sleep(0.01))
        assert pauses == [1, 2, 4, 8, 16, 30, 30], pauses
    finally:
        supervisor.stop()
