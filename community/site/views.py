"""The front door: choose a neighbourhood, switch language, health check, and the few files
browsers and robots ask for at fixed addresses (their names are reserved: no neighbourhood has them)."""
from __future__ import annotations

from flask import Response, current_app, redirect, render_template, request, send_from_directory, url_for
from flask_login import current_user
from sqlalchemy import text

from community.accounts import services as accounts
from community.extensions import db
from community.i18n import LANGUAGES, remember_locale
from community.neighbourhoods import services as neighbourhoods
from community.site import bp
from community.web import safe_next_url


@bp.route("/")
def index():
    if current_user.is_authenticated and current_user.home_membership and not request.args.get("all"):
        return redirect(url_for("neighbourhoods.home", slug=current_user.home_membership.neighbourhood.slug))
    return render_template("site/index.html", neighbourhoods=neighbourhoods.all_neighbourhoods())


@bp.route("/language", methods=["GET", "POST"])
def language():
    """GET shows the list of languages (the no-JS page); POST switches."""
    if request.method == "GET":
        return render_template("site/language.html", next=safe_next_url(request.args.get("next")) or "")
    code = request.form.get("lang", "")
    if code not in LANGUAGES:
        return render_template("site/language.html", next="", error=True), 422
    remember_locale(code)
    if current_user.is_authenticated:
        accounts.set_locale(current_user, code)
    return redirect(safe_next_url(request.form.get("next")) or url_for("site.index"), code=303)


@bp.route("/healthz")
def health() -> Response:
    db.session.execute(text("SELECT 1"))
    return Response("ok", mimetype="text/plain")


@bp.route("/robots.txt")
def robots() -> Response:
    return Response("User-agent: *\nDisallow: /account/\nDisallow: /admin/\n", mimetype="text/plain")


# Asked for at a fixed address, so it cannot carry a version in its URL like the rest of static/:
# cached for a month rather than forever.
ICON_MAX_AGE = 30 * 24 * 3600


@bp.route("/favicon.ico")
def favicon() -> Response:
    return send_from_directory(current_app.static_folder, "img/favicon.ico", mimetype="image/vnd.microsoft.icon",
                               max_age=ICON_MAX_AGE)


@bp.route("/apple-touch-icon.png")
def touch_icon() -> Response:
    return send_from_directory(current_app.static_folder, "img/apple-touch-icon.png", mimetype="image/png",
                               max_age=ICON_MAX_AGE)
