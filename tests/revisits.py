"""A phone that comes back: it sends the ETag it has, and keeps the page on a 304."""
from __future__ import annotations


def revisit(client, url: str, etag: str):
    return client.get(url, headers={"If-None-Match": f'"{etag}"'})


def etag_of(response) -> str:
    etag, _weak = response.get_etag()
    assert etag and response.headers["Cache-Control"] == "private, no-cache"
    return etag
