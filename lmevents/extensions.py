"""Flask extensions, created unbound and initialised in `create_app`."""

import sqlite3

from flask_babel import Babel
from flask_caching import Cache
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import Engine, event

from lmevents.core.models import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
# Storage comes from RATELIMIT_STORAGE_URI: Redis when LMEVENTS_REDIS_URL is set, else memory.
limiter = Limiter(key_func=get_remote_address)
# Rendered feeds and exports, keyed by the version of what they show (lmevents.revisions): in
# Redis when LMEVENTS_REDIS_URL is set (shared by every worker and server), else in the process.
cache = Cache()

# Sign-in and sign-up attempts per client address: enough for people, too few for guessing.
AUTH_RATE_LIMIT = "10 per minute"


@event.listens_for(Engine, "connect")
def _enforce_sqlite_foreign_keys(dbapi_connection, connection_record) -> None:
    """SQLite ignores foreign keys unless asked, per connection: ON DELETE rules must hold
    on the embedded database exactly as on PostgreSQL."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
