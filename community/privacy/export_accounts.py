"""Export: the account itself, its neighbourhoods and roles."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from community.privacy.export_registry import exporter, row


@exporter("profile", _l("Profiel"))
def profile(user) -> list[dict]:
    return [row(id=user.id, display_name=user.display_name, email=user.email, locale=user.locale,
                email_confirmed_at=user.confirmed_at, created_at=user.created_at,
                password_changed_at=user.password_changed_at)]


@exporter("memberships", _l("Buurten en rollen"))
def memberships(user) -> list[dict]:
    return [row(neighbourhood=m.neighbourhood.name, role=m.role, since=m.created_at, confirmed_at=m.confirmed_at)
            for m in sorted(user.memberships, key=lambda m: m.id)]
