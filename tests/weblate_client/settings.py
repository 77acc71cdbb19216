"""Django settings for running Weblate's own machinery code in the test-only environment (tests/weblate_client/):
Weblate's example settings, with what a test has instead of Weblate's services: SQLite in memory (the machinery
code asks nothing of the database), a local-memory cache instead of Redis, Celery run eagerly, no broker."""

import os
import tempfile

from weblate.settings_example import *  # noqa: F403

DATA_DIR = tempfile.mkdtemp(prefix="weblate-data-")
CACHE_DIR = os.path.join(DATA_DIR, "cache")
MEDIA_ROOT = os.path.join(DATA_DIR, "media")
STATIC_ROOT = os.path.join(DATA_DIR, "static")
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
          "avatar": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
SECRET_KEY = "used by the tests only"  # noqa: S105
SITE_DOMAIN = "weblate.example.org"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
