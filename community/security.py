"""Response headers every page gets, and cache-busting names for static files."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, Response, request

def content_security_policy(extra_image_sources: tuple[str, ...] = ()) -> str:
    """'self' only; a page that shows map tiles from a server the admin configured names it."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            " ".join(("img-src 'self' data:",) + extra_image_sources),
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ]
    )


CONTENT_SECURITY_POLICY = content_security_policy()


def tile_origin(tile_url: str) -> str:
    """The origin a tile URL template loads from, for the CSP: {s} subdomains become a wildcard."""
    parts = urlsplit(tile_url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}"


def add_security_headers(response: Response, *, production: bool) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if production:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    # The same URL answers with a page or an htmx fragment.
    response.vary.add("HX-Request")
    if request.endpoint != "static":
        response.headers.setdefault("Cache-Control", "no-cache, private")
    return response


@lru_cache(maxsize=256)
def _file_digest(path: Path, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def install_static_versioning(app: Flask) -> None:
    """url_for('static', ...) gets ?v=<content hash>, so files can be cached for a year."""
    static_root = Path(app.static_folder or "")

    @app.url_defaults
    def _add_static_version(endpoint: str, values: dict) -> None:
        if endpoint != "static" or "filename" not in values:
            return
        path = static_root / values["filename"]
        if path.is_file():
            values["v"] = _file_digest(path, path.stat().st_mtime_ns)

    @app.after_request
    def _immutable_static(response: Response) -> Response:
        if request.endpoint == "static" and request.args.get("v"):
            response.cache_control.public = True
            response.cache_control.max_age = 31536000
            response.cache_control.immutable = True
        if request.endpoint == "static" and response.status_code == 200 and response.is_streamed:
            # Our static files are small: read them whole, so the compressor gzips them once with a
            # length and closes the file, instead of re-streaming them through a generator.
            response.direct_passthrough = False
            response.make_sequence()
        return response


def refuse_nul_bytes() -> None:
    """No form field or query value legitimately holds a NUL byte; PostgreSQL refuses them in text."""
    from flask import abort

    if "\x00" in request.path:
        abort(404)
    for values in (request.args, request.form):
        for _key, value in values.items(multi=True):
            if "\x00" in value:
                abort(400)
