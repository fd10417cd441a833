from __future__ import annotations

import re

from flask import abort, send_file

from community.images import bp
from community.images import services as images

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{10,40}$")
ONE_YEAR_SECONDS = 31536000


@bp.route("/<key>-<any(thumb, small, large):size>.webp")
def serve_image(key: str, size: str):
    image = images.get_by_key(key) if KEY_PATTERN.fullmatch(key) else None
    path = images.image_path(image, size) if image else None
    if path is None or not path.is_file():
        abort(404)
    response = send_file(path, mimetype="image/webp", max_age=ONE_YEAR_SECONDS)
    # A key never gets new content, so browsers need not even revalidate.
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR_SECONDS}, immutable"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
