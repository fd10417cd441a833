"""For views under /<slug>/: the neighbourhood instead of the slug, and the rule asked once."""
from __future__ import annotations

from functools import wraps

from flask_login import current_user

from community.neighbourhoods.services import neighbourhood_by_slug
from community.permissions import require


def neighbourhood_view(action: str | None = None):
    """The view is called with the neighbourhood of the URL's <slug> (an unknown slug is a 404)
    instead of the slug. With `action`, the person must be allowed it for that neighbourhood
    (`permissions.can`): anonymous people are sent to log in, others refused with a 403."""

    def decorate(view):
        @wraps(view)
        def wrapper(slug: str, **values):
            neighbourhood = neighbourhood_by_slug(slug)
            if action is not None:
                require(current_user, action, neighbourhood)
            return view(neighbourhood, **values)

        return wrapper

    return decorate
