"""The database: PostgreSQL from DATABASE_URL, or the embedded default, a SQLite file beside the
project. REPLICA_DATABASE_URL adds a read replica (a streaming replica of the same PostgreSQL) that
reports and API reads use; see send_portal.replica."""

from .env import BASE_DIR, env


def _connection(url: str) -> dict:
    config = env.db_url_config(url)
    config["ATOMIC_REQUESTS"] = False
    if config["ENGINE"] == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
        config["CONN_HEALTH_CHECKS"] = True
    return config


# No DATABASE_URL (or an empty one): the embedded default, a SQLite file beside the project.
EMBEDDED_DEFAULT = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": _connection(env("DATABASE_URL", default="") or EMBEDDED_DEFAULT)}

REPLICA_DATABASE_URL = env("REPLICA_DATABASE_URL", default="")
# Reads go to the replica only when one is configured. Without one the alias names the primary
# and is never used, so code and tests can name it everywhere; the test runner treats it as a
# mirror of the primary (no second test database, tests stay transactional).
READ_REPLICA = bool(REPLICA_DATABASE_URL)
DATABASES["replica"] = (
    _connection(REPLICA_DATABASE_URL) if READ_REPLICA else dict(DATABASES["default"])
)
DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["send_portal.replica.ReplicaRouter"]
# The requests whose reads of case data may come from the replica: GET and HEAD only.
REPLICA_READ_PATHS = ("/api/v1/", "/api/oruk/", "/reports/")
