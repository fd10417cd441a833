"""Buurtkracht: the application factory."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from flask import Flask

from community import config as settings
from community.extensions import babel, cache, compress, csrf, db, htmx, limiter, login
from community.extensions import mail as mailman  # `community.mail` is the outbox package

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


FEATURE_MODELS = ("accounts", "neighbourhoods", "images", "bookings", "agenda", "moderation", "initiatives", "talents",
                  "volunteering", "pot", "kiosk", "mail", "search", "cards",
                  "stories")
FEATURE_MODELS += ("cards.collecting",)  # albums and swaps of Buurtplaatjes
FEATURE_MODELS += ("privacy",)  # exports of one's own data
SHARED_MODELS = ("community.versions",)
SHARED_MODELS += ("community.privacy.deletion_models",)  # accounts waiting to be erased


def import_all_models() -> None:
    """Register every feature's tables on the metadata (for create_all and migrations)."""
    import importlib

    for feature in FEATURE_MODELS:
        importlib.import_module(f"community.{feature}.models")
    for module in SHARED_MODELS:
        importlib.import_module(module)


def create_app(config: type | dict | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_relative_config=True,
    )
    import_all_models()
    _load_config(app, config)
    _configure_logging(app)
    _trust_proxies(app)
    _bound_url_integers(app)
    _bound_form_bodies(app)  # before CSRFProtect, which is the first to read the form
    _init_extensions(app)
    _register_features(app)
    return app


def _trust_proxies(app: Flask) -> None:
    """Behind PROXY_COUNT proxies, the client's address and scheme come from X-Forwarded-*."""
    count = app.config.get("PROXY_COUNT", 0)
    if count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)


def _bound_form_bodies(app: Flask) -> None:
    """A form without files is never bigger than MAX_FORM_MEMORY_SIZE: Werkzeug applies that limit
    only to the fields of multipart forms, so a 5 MB urlencoded text would otherwise be read
    whole (up to MAX_CONTENT_LENGTH, which is there for photos). Larger gets a 413."""
    from flask import request

    @app.before_request
    def _limit_body_without_files() -> None:
        if request.mimetype != "multipart/form-data":
            request.max_content_length = min(app.config["MAX_CONTENT_LENGTH"], app.config["MAX_FORM_MEMORY_SIZE"])


def _bound_url_integers(app: Flask) -> None:
    """<int:…> in a URL stops at the largest id the database holds: a longer number is a 404."""
    from community.web import BoundedIntegerConverter

    app.url_map.converters["int"] = BoundedIntegerConverter


def _load_config(app: Flask, config) -> None:
    app.config.from_object(settings.config_from_environment())
    if isinstance(config, dict):
        app.config.from_mapping(config)
    elif config is not None:
        app.config.from_object(config)
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'buurtkracht.sqlite3'}"
    app.config["SQLALCHEMY_DATABASE_URI"] = _with_psycopg_driver(app.config["SQLALCHEMY_DATABASE_URI"])
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(PROJECT_ROOT / "translations"))
    app.config["MAIL_BACKEND"] = _mail_backend(app.config)
    app.config.setdefault("RATELIMIT_STORAGE_URI",
                          os.environ.get("RATELIMIT_STORAGE_URI") or app.config.get("REDIS_URL") or "memory://")
    if app.config.get("TRUSTED_HOSTS") is None:
        app.config["TRUSTED_HOSTS"] = settings.trusted_hosts(app.config)
    if app.config.get("REDIS_URL"):
        app.config.setdefault("CACHE_TYPE", "RedisCache")
        app.config.setdefault("CACHE_REDIS_URL", app.config["REDIS_URL"])
    app.config.setdefault("CACHE_TYPE", "SimpleCache")
    app.config.setdefault("CACHE_DEFAULT_TIMEOUT", 600)
    settings.refuse_insecure_production(app.config)


def _with_psycopg_driver(url: str) -> str:
    """Hosting platforms hand out postgres:// URLs; SQLAlchemy needs the psycopg 3 driver named."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _mail_backend(config) -> str:
    if config.get("MAIL_BACKEND"):
        return config["MAIL_BACKEND"]
    return "smtp" if config.get("MAIL_SERVER") else "console"


def _configure_logging(app: Flask) -> None:
    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _init_extensions(app: Flask) -> None:
    from community import i18n, security
    from community.db import AUTOGENERATE_PLUGINS, include_name, install_write_intent, render_migration_item
    from community.errors import install_error_handlers
    from community.mail.services import install_delivery

    install_write_intent(app)  # first, so that no query of the request starts before it
    db.init_app(app)
    if app.testing or os.environ.get("FLASK_RUN_FROM_CLI") == "true":
        # Only `flask db …` and the tests migrate: a web worker need not hold alembic (10 MiB).
        logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # not a line per plugin on every command
        from flask_migrate import Migrate

        Migrate(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True, compare_type=True,
                render_item=render_migration_item, autogenerate_plugins=AUTOGENERATE_PLUGINS, include_name=include_name)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    mailman.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)
    cache.init_app(app)
    if app.config.get("COMPRESS_REGISTER", True):
        compress.init_app(app)
    i18n.install_template_helpers(app)
    security.install_static_versioning(app)
    install_error_handlers(app)
    _install_template_globals(app)

    production = app.config["ENV_NAME"] == "production"
    app.after_request(lambda response: security.add_security_headers(response, production=production))
    app.before_request(security.refuse_nul_bytes)
    install_delivery(app)

    from community.accounts.login_sessions import configure_login

    configure_login(app, login)


def _install_template_globals(app: Flask) -> None:
    from community.agenda.home import agenda_labels
    from community.images.services import url_for_image
    from community.initiatives.home import audit_label, need_label, state_label
    from community.agenda.models import kind_label
    from community.pictograms import for_activity
    from community.recurrence import to_local
    from community.web import absolute_url, isolated, paragraphs
    from community.neighbourhoods.models import Role
    from community.talents.models import SKILLS
    from community.volunteering.home import origin_label, reason_texts, repeat_label

    @app.context_processor
    def _site_menu() -> dict:
        from flask_login import current_user

        from community.site.menu import menu_for

        return {"site_menu": lambda: menu_for(current_user)}

    app.jinja_env.filters["role_label"] = lambda role: Role(role).label
    app.jinja_env.globals["agenda_labels"] = agenda_labels
    app.jinja_env.globals["image_url"] = url_for_image
    app.jinja_env.globals["absolute_url"] = absolute_url
    app.jinja_env.filters["state_label"] = state_label
    app.jinja_env.filters["need_label"] = need_label
    app.jinja_env.filters["audit_label"] = audit_label
    app.jinja_env.filters["paragraphs"] = paragraphs
    app.jinja_env.filters["bdi"] = isolated
    app.jinja_env.filters["kind_label"] = kind_label
    app.jinja_env.filters["activity_pictogram"] = for_activity
    app.jinja_env.filters["local_date_iso"] = lambda moment: to_local(moment).date().isoformat()
    app.jinja_env.globals["match_reasons"] = reason_texts
    app.jinja_env.globals["origin_label"] = origin_label
    app.jinja_env.globals["repeat_label"] = repeat_label
    app.jinja_env.filters["talent_label"] = lambda code: SKILLS.get(code, code)


def _register_collecting(app: Flask) -> None:
    """Albums and swaps of Buurtplaatjes (under /<slug>/albums, before the neighbourhoods' catch-all)."""
    from community.cards.collecting import bp as collecting_bp
    from community.cards.collecting.home import register_collecting_parts

    app.register_blueprint(collecting_bp)
    register_collecting_parts()


def _register_privacy(app: Flask) -> None:
    """Mijn gegevens, consents, the download of one's own data (under /privacy)."""
    from community.privacy import bp as privacy_bp
    from community.privacy.export_commands import export_commands

    app.register_blueprint(privacy_bp)
    app.cli.add_command(export_commands)


def _register_features(app: Flask) -> None:
    from community import cli
    from community.accounts import bp as accounts_bp
    from community.agenda import bp as agenda_bp, feeds_bp
    from community.agenda.home import register_home_parts
    from community.images import bp as images_bp
    from community.initiatives import bp as initiatives_bp
    from community.initiatives.home import register_initiative_parts
    from community.moderation import bp as moderation_bp
    from community.talents import bp as talents_bp
    from community.talents.home import register_talent_parts
    from community.kiosk import bp as kiosk_bp
    from community.kiosk.home import register_kiosk_parts
    from community.pot import bp as pot_bp
    from community.pot.home import register_pot_parts
    from community.volunteering import bp as volunteering_bp
    from community.volunteering.home import register_volunteering_parts
    from community.neighbourhoods import admin_bp, bp as neighbourhoods_bp
    from community.neighbourhoods.audit_subjects import register_audit_subjects
    from community.search import bp as search_bp
    from community.cards import bp as cards_bp
    from community.cards.home import register_card_parts
    from community.numbers import bp as numbers_bp, city_bp
    from community.stories import bp as stories_bp
    from community.stories.home import register_story_parts
    from community.site import bp as site_bp

    app.register_blueprint(site_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(feeds_bp)
    app.register_blueprint(images_bp)
    app.register_blueprint(agenda_bp)
    app.register_blueprint(initiatives_bp)
    app.register_blueprint(moderation_bp)
    app.register_blueprint(talents_bp)
    app.register_blueprint(volunteering_bp)
    app.register_blueprint(pot_bp)
    app.register_blueprint(kiosk_bp)
    app.register_blueprint(search_bp)
    app.register_blueprint(cards_bp)
    app.register_blueprint(numbers_bp)
    app.register_blueprint(city_bp)
    app.register_blueprint(stories_bp)
    register_home_parts()
    register_initiative_parts()
    register_talent_parts()
    register_volunteering_parts()
    register_pot_parts()
    register_kiosk_parts()
    register_card_parts()
    register_audit_subjects()
    _register_collecting(app)
    register_story_parts()
    _register_privacy(app)
    # Last: its URLs start with a neighbourhood slug.
    app.register_blueprint(neighbourhoods_bp)
    cli.register(app)
