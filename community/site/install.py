"""What a phone needs to put the site on its home screen: the web app manifest.

No service worker: a cached agenda could show a full activity as open, and the pages are small
enough to load fresh each time."""
from __future__ import annotations

from flask import current_app, jsonify, url_for
from flask_babel import gettext as _

from community.i18n import current_language
from community.site import bp

THEME_COLOUR = "#0b5d4b"
BACKGROUND_COLOUR = "#f6f5f1"  # --page in app.css


@bp.route("/manifest.webmanifest")
def manifest():
    language = current_language()
    response = jsonify({
        "name": current_app.config["SITE_NAME"],
        "short_name": current_app.config["SITE_NAME"],
        "description": _("Buurtkracht: samen maken we de buurt. Activiteiten, initiatieven en buren die elkaar helpen."),
        "lang": language.code, "dir": language.direction,
        "start_url": url_for("site.index"), "scope": "/", "display": "standalone",
        "theme_color": THEME_COLOUR, "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": url_for("static", filename="img/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": url_for("static", filename="img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": url_for("static", filename="img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": url_for("static", filename="img/icon-maskable-512.png"), "sizes": "512x512", "type": "image/png",
             "purpose": "maskable"},
        ],
    })
    response.mimetype = "application/manifest+json"
    response.headers["Vary"] = "Cookie, Accept-Language"  # its language follows the person's
    return response
