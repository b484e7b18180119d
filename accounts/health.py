"""The health check's probes: whether the database and the broker answer now."""

import logging

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means "not answering"; the detail stays in the log
        logger.warning("health check: database did not answer")
        return False


def broker_answers() -> bool:
    if not settings.REDIS_URL:
        return True  # the embedded default runs jobs in-process: there is no broker to ask
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1
        )
        return bool(client.ping())
    except Exception:
        logger.warning("health check: broker did not answer")
        return False
