"""Settings, read from the environment so the same code runs in development and production."""
from __future__ import annotations

import os
from datetime import timedelta
from urllib.parse import urlsplit

DEFAULT_SECRET_KEY = "dev-only-not-secret"
DEFAULT_BASE_URL = "http://127.0.0.1:5000"


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    ENV_NAME = os.environ.get("BUURTKRACHT_ENV", "development")
    SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
    # Empty means: a SQLite file in the instance folder (set in create_app).
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "")
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}

    SITE_NAME = "Buurtkracht"
    # A photo may be 8 MiB; the request around it a little more, so the photo gets the friendly message.
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024
    IMAGE_MAX_BYTES = 8 * 1024 * 1024
    # 25 MP takes a phone's photo (12 MP, some 24 MP) and a camera's (24 MP, 6000x4000). The decode
    # budget is judged from the header before decoding; 25 MP at four bytes a pixel (95 MiB) fits.
    IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", "25000000"))
    IMAGE_MAX_DECODE_BYTES = int(os.environ.get("IMAGE_MAX_DECODE_BYTES", str(100 * 1024 * 1024)))
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER", "")  # empty: <instance folder>/uploads
    MAX_FORM_MEMORY_SIZE = 500 * 1024

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    PERMANENT_SESSION_LIFETIME = timedelta(days=30)
    # A login ends after 30 days without use, and 90 days after it began, whatever happens.
    SESSION_IDLE_LIFETIME = timedelta(days=30)
    SESSION_ABSOLUTE_LIFETIME = timedelta(days=90)
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    SEND_FILE_MAX_AGE_DEFAULT = timedelta(days=365)

    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"

    REDIS_URL = os.environ.get("REDIS_URL", "")
    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    RATELIMIT_STRATEGY = "moving-window"
    # Tries per account (the normalised email typed in the form) and per client address, in the
    # notation of the `limits` library; community/accounts/limits.py says what each one counts.
    RATELIMIT_LOGIN_PER_ACCOUNT = os.environ.get("RATELIMIT_LOGIN_PER_ACCOUNT", "10 per 15 minutes")  # failed tries
    RATELIMIT_LOGIN_PER_ADDRESS = os.environ.get("RATELIMIT_LOGIN_PER_ADDRESS", "60 per hour")  # every try
    RATELIMIT_MAIL_PER_ACCOUNT = os.environ.get("RATELIMIT_MAIL_PER_ACCOUNT", "5 per hour")  # sign-up, reset link
    RATELIMIT_MAIL_PER_ADDRESS = os.environ.get("RATELIMIT_MAIL_PER_ADDRESS", "20 per hour")
    # Starts every key of the counts, so that several sites (or test runs) can share one Redis.
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "buurtkracht")
    # Without REDIS_URL the counts live in the memory of one process: right for `make run`, wrong
    # for several workers (each would count on its own). Production refuses it unless this is set.
    RATELIMIT_MEMORY_OK = _bool("RATELIMIT_MEMORY_OK", False)

    # Email: SMTP when MAIL_SERVER is set, otherwise written to the log.
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", True)
    MAIL_USE_SSL = _bool("MAIL_USE_SSL", False)
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Buurtkracht <noreply@buurtkracht.local>")
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "")

    # Argon2id cost; the defaults follow RFC 9106's second recommended option.
    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 64 * 1024
    ARGON2_PARALLELISM = 2
    PASSWORD_RESET_MAX_AGE = 3600
    EMAIL_CONFIRM_MAX_AGE = 3 * 24 * 3600

    COMPRESS_ALGORITHM = ["gzip"]
    COMPRESS_MIMETYPES = ["text/html", "text/css", "application/javascript", "text/javascript", "text/calendar",
                          "image/svg+xml", "application/manifest+json"]  # the pictogram sprite is 15 KB raw, 3.5 KB gzip
    COMPRESS_MIN_SIZE = 500
    PREFERRED_URL_SCHEME = os.environ.get("PREFERRED_URL_SCHEME", "http")
    # Map tiles for the map page, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png. Empty: no tiles,
    # and no request goes to a third party; the page then draws a plain plan of the places itself.
    MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
    MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")
    # Where the site lives: every link in email, feeds and posters starts with it.
    BASE_URL = os.environ.get("BASE_URL", DEFAULT_BASE_URL)
    # Host names the site answers to; any other Host header gets a 400. Empty: the host of
    # BASE_URL (and, outside production, localhost and 127.0.0.1).
    TRUSTED_HOSTS_SETTING = os.environ.get("TRUSTED_HOSTS", "")
    # How many reverse proxies in front of the app set X-Forwarded-For/-Proto/-Host. 0: none, so a
    # client cannot claim another address or scheme.
    PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0") or 0)


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    PREFERRED_URL_SCHEME = "https"


class TestConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "test-secret"
    RATELIMIT_ENABLED = False
    WTF_CSRF_ENABLED = False  # tests that check CSRF switch it on
    SERVER_NAME = "localhost"
    BASE_URL = "http://localhost"
    MAIL_BACKEND = "locmem"
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 8 * 1024
    ARGON2_PARALLELISM = 1
    COMPRESS_REGISTER = False


def trusted_hosts(settings) -> list[str]:
    configured = [host.strip() for host in settings.get("TRUSTED_HOSTS_SETTING", "").split(",") if host.strip()]
    if configured:
        return configured
    hosts = [urlsplit(settings["BASE_URL"]).hostname or "localhost"]
    if settings.get("ENV_NAME") != "production":
        hosts += ["localhost", "127.0.0.1"]
    return list(dict.fromkeys(hosts))


def config_from_environment() -> type[Config]:
    return ProductionConfig if os.environ.get("BUURTKRACHT_ENV") == "production" else Config


class InsecureConfiguration(RuntimeError):
    pass


def refuse_insecure_production(settings) -> None:
    if settings.get("ENV_NAME") != "production":
        return
    secret = settings.get("SECRET_KEY") or ""
    if secret in ("", DEFAULT_SECRET_KEY) or len(secret) < 32:
        raise InsecureConfiguration("SECRET_KEY must be set to a random value of at least 32 characters in production.")
    if not settings.get("SQLALCHEMY_DATABASE_URI"):
        raise InsecureConfiguration("DATABASE_URL must be set in production.")
    if settings.get("BASE_URL", DEFAULT_BASE_URL) == DEFAULT_BASE_URL:
        raise InsecureConfiguration("BASE_URL must be set in production: links in email are made with it.")
    if str(settings.get("RATELIMIT_STORAGE_URI", "")).startswith("memory://") and not settings.get("RATELIMIT_MEMORY_OK"):
        raise InsecureConfiguration(
            "Rate limits need shared storage in production: set REDIS_URL (every worker and host then counts the "
            "same tries), or RATELIMIT_MEMORY_OK=true for a single worker process.")
