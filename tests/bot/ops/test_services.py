"""The production switch: one environment variable each for PostgreSQL and Redis."""
from bot.ops import config
from bot.ops.services import Ports, rasa_server, service_env


def test_without_the_switch_everything_is_sqlite(tmp_path, monkeypatch):
    for name in ("TRIGGER_DATABASE_URL", "TRIGGER_REDIS_URL", "TRIGGER_DRAFTS_DB_URL", "TRIGGER_TRACKER_DB_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TRIGGER_DATA_DIR", str(tmp_path))
    env = service_env(Ports())
    assert env["TRIGGER_RASA_ENDPOINTS"] == "endpoints.yml"
    assert config.drafts_db_url().startswith("sqlite:///") and config.tracker_db_url().startswith("sqlite:///")


def test_the_switch_moves_drafts_conversations_and_locks(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIGGER_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TRIGGER_DATABASE_URL", "postgres://trigger:s3cr%40t@db.internal:6543/ct")
    monkeypatch.setenv("TRIGGER_REDIS_URL", "redis://:r3dis@cache.internal:6380/2")
    monkeypatch.delenv("TRIGGER_DRAFTS_DB_URL", raising=False)
    monkeypatch.delenv("TRIGGER_TRACKER_DB_URL", raising=False)
    assert config.drafts_db_url() == "postgresql://trigger:s3cr%40t@db.internal:6543/ct"
    assert config.tracker_db_url() == config.drafts_db_url()
    env = service_env(Ports())
    text = open(env["TRIGGER_RASA_ENDPOINTS"]).read()
    assert "dialect: postgresql" in text and "url: db.internal" in text and "port: 6543" in text
    assert "db: ct" in text and "username: trigger" in text and "type: rasa_addons.lock_store.RequeueingRedisLockStore" in text and "port: 6380" in text
    assert "s3cr" not in text and "r3dis" not in text  # passwords stay in the environment
    assert env["TRIGGER_PG_PASSWORD"] == "s3cr@t" and env["TRIGGER_REDIS_PASSWORD"] == "r3dis"


def test_rasa_api_only_with_a_token(tmp_path):
    plain = rasa_server(Ports(), tmp_path, env={}).argv
    assert "--enable-api" not in plain and "--interface" in plain and "127.0.0.1" in plain
    guarded = rasa_server(Ports(), tmp_path, env={"TRIGGER_RASA_API_TOKEN": "t0k"}).argv
    assert guarded[guarded.index("--enable-api") + 1:guarded.index("--enable-api") + 3] == ["--auth-token", "t0k"]
