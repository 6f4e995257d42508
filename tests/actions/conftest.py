import pytest


@pytest.fixture(autouse=True)
def fixed_today_and_data(monkeypatch, tmp_path):
    monkeypatch.setenv("TRIGGER_TODAY", "2026-03-10")
    monkeypatch.setenv("TRIGGER_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TRIGGER_DRAFTS_DB_URL", raising=False)
    from actions import common
    common.store.cache_clear()
    yield
    common.store.cache_clear()
