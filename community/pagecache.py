"""Revisits without rendering: an ETag made from what a page is a function of, and whole anonymous pages
kept in the cache.

A page that reads only versioned parts of a neighbourhood (see versions.py) is a function of: the URL, the
htmx headers, the language, the day (or a few minutes, for a page that changes when a date starts), the
versions of those parts and of the neighbourhood itself, the code that runs, and who asks (their account
and roles, and the session's CSRF token that forms carry). `cached_page` puts all of that in a key before
the view runs:

- a phone that sends the ETag it has (`If-None-Match`) gets `304 Not Modified` at the cost of one query;
- an anonymous page is kept whole in the cache under the key without the visitor, rendered with a
  placeholder where the CSRF token goes and compressed once (precompressed.py); each visitor gets it with
  their own token filled in.

Pages with flashed messages waiting are always rendered, and nothing but a 200 is kept. A kept page is its
HTML only: a view whose answer needs headers of its own (a map's Content-Security-Policy) is not one
to decorate."""
from __future__ import annotations

import hashlib
from datetime import timedelta
from functools import lru_cache, wraps

from flask import Response, g, make_response, request, session
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import and_, bindparam, select

from community import recurrence
from community.db import utcnow
from community.extensions import cache, db
from community.permissions import can
from community.precompressed import HoledPage
from community.versions import PLACE, CacheVersion, app_version

TOKEN_HOLE = "csrf-token-of-the-visitor-6f1d2c"   # what an anonymous page is rendered with, then replaced
REVALIDATE = "private, no-cache"                  # a phone keeps the page and asks each time if it changed


def cached_page(*parts: str, fresh_for: timedelta | None = None, shareable=None):
    """For a GET view under /<slug>/ that shows only these versioned parts of the neighbourhood. Without
    `fresh_for` the page changes with the day; with it, also every `fresh_for` (a page that shows whether
    a date has started). An anonymous page is kept whole only for an address without a query string, or
    one that `shareable(request.args)` finds is written the way the page writes its own links: made-up
    values (?kind=x1, x2, …) would each fill a cache entry, and could put their text in others' pages."""

    def decorate(view):
        @wraps(view)
        def wrapper(slug: str, **values):
            shared = _shared_key(slug, (PLACE, *parts), fresh_for)
            if shared is None or "_flashes" in session:
                return view(slug=slug, **values)
            real_token = generate_csrf()  # the page's forms carry it: a new visitor's session gets one first
            etag = _digest(shared, *_who())
            held = _held_version_of(etag)
            if held:
                return _not_modified(held)
            if current_user.is_authenticated or not _is_shareable(shareable):
                response = make_response(view(slug=slug, **values))
                return _revalidated(response, etag) if response.status_code == 200 else response
            kept = cache.get(f"page:{shared}")
            if kept is None:
                g.csrf_token = TOKEN_HOLE
                response = make_response(view(slug=slug, **values))
                g.csrf_token = real_token
                if response.status_code != 200 or response.direct_passthrough or response.mimetype != "text/html":
                    return _with_visitors_token(response)
                kept = HoledPage.cut(response.get_data(as_text=True), TOKEN_HOLE)
                cache.set(f"page:{shared}", kept)
            return _revalidated(_served(kept, real_token), etag)

        return wrapper

    return decorate


def _held_version_of(etag: str) -> str | None:
    """The validator the client holds for this version of the page, if it holds one: as sent, or as the
    compression step rewrote it ("<etag>:gzip", "<etag>:br")."""
    for held in request.if_none_match.as_set():
        if held == etag or held.partition(":")[0] == etag:
            return held
    return None


def _is_shareable(shareable) -> bool:
    if not request.args:
        return True
    return shareable is not None and shareable(request.args)


def _shared_key(slug: str, parts: tuple[str, ...], fresh_for: timedelta | None) -> str | None:
    """Everything the page is a function of except the visitor; None for an unknown neighbourhood (the
    view answers it)."""
    rows = db.session.execute(_versions_by_slug(parts), {"slug": slug[:200]}).all()
    if not rows:
        return None
    versions = {part: version for _id, part, version in rows if part}
    return _digest(request.endpoint, request.full_path, request.headers.get("HX-Request", ""),
                   request.headers.get("HX-Target", ""), str(get_locale()), _moment(fresh_for), app_version(),
                   rows[0][0], *(f"{part}={versions.get(part, 0)}" for part in parts))


@lru_cache(maxsize=32)
def _versions_by_slug(parts: tuple[str, ...]):
    """The neighbourhood's id and these parts' versions, in one query; built once per page kind."""
    from community.neighbourhoods.models import Neighbourhood

    return (select(Neighbourhood.id, CacheVersion.part, CacheVersion.version).select_from(Neighbourhood)
            .outerjoin(CacheVersion, and_(CacheVersion.neighbourhood_id == Neighbourhood.id, CacheVersion.part.in_(parts)))
            .where(Neighbourhood.slug == bindparam("slug")))


def _moment(fresh_for: timedelta | None) -> str:
    moment = recurrence.to_local(utcnow())
    if fresh_for is None:
        return moment.date().isoformat()
    return str(int(moment.timestamp()) // int(fresh_for.total_seconds()))


def _who() -> tuple[str, ...]:
    """The visitor: their session's CSRF token (the page's forms carry it), and for a resident their account
    and what they may do where (the menu and the manage links follow it)."""
    token = hashlib.sha256(str(session.get("csrf_token", "")).encode()).hexdigest()[:16]
    if not current_user.is_authenticated:
        return ("anonymous", token)
    roles = sorted((m.neighbourhood_id, m.role, bool(m.confirmed_at), m.neighbourhood.name, m.neighbourhood.slug)
                   for m in current_user.memberships)
    return (str(current_user.id), str(can(current_user, "administer_instance")), token, repr(roles))


def _digest(*parts) -> str:
    return hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()[:32]


def _served(kept: HoledPage, token: str) -> Response:
    if request.accept_encodings.quality("gzip") <= 0:
        return Response(kept.filled(token), mimetype="text/html")
    response = Response(kept.gzipped(token), mimetype="text/html")
    response.headers["Content-Encoding"] = "gzip"   # the compression step leaves it as it is
    response.vary.add("Accept-Encoding")
    return response


def _with_visitors_token(response: Response) -> Response:
    if response.direct_passthrough or not response.mimetype.startswith("text/"):
        return response
    body = response.get_data(as_text=True)
    if TOKEN_HOLE in body:
        response.set_data(body.replace(TOKEN_HOLE, generate_csrf()))
    return response


def _revalidated(response: Response, etag: str) -> Response:
    response.set_etag(etag)
    response.headers["Cache-Control"] = REVALIDATE
    response.vary.update(("Cookie", "Accept-Language", "HX-Request"))
    return response


def _not_modified(etag: str) -> Response:
    return _revalidated(Response(status=304), etag)
