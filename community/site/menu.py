"""The site menu: what a person reaches from every page, in the order they use it most."""
from __future__ import annotations

from dataclasses import dataclass

from flask import request, url_for
from flask_babel import gettext as _

from community.neighbourhoods.models import Role
from community.permissions import can


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str


WIDE_MENU_MAX_ITEMS = 6  # more than fit beside the logo on a desktop: then the menu stays folded


def menu_for(user) -> list[MenuItem]:
    """Anonymous people: the neighbourhoods, log in, sign up. Residents: their neighbourhood, their
    agenda and tasks (for the neighbourhood of the page, else their own), coordinating, admin, profile.
    Logging out is a form, so the template adds it."""
    if not getattr(user, "is_authenticated", False):
        return [MenuItem(_("Buurten"), url_for("site.index", all=1)),
                MenuItem(_("Inloggen"), url_for("accounts.login")),
                MenuItem(_("Account maken"), url_for("accounts.signup"))]
    memberships = sorted(user.memberships, key=lambda membership: membership.id)
    here = (request.view_args or {}).get("slug")
    # The page's own neighbourhood is the logo's link already.
    items = [MenuItem(m.neighbourhood.name, url_for("neighbourhoods.home", slug=m.neighbourhood.slug))
             for m in memberships if m.role == Role.RESIDENT.value and m.neighbourhood.slug != here]
    slug = _slug_for_my_pages(memberships)
    if slug:
        items += [MenuItem(_("Mijn agenda"), url_for("agenda.mine", slug=slug)),
                  MenuItem(_("Mijn taken"), url_for("volunteering.mine", slug=slug))]
    coordinates = [m.neighbourhood for m in memberships if m.role == Role.COORDINATOR.value]
    items += [MenuItem(_("Buurtregisseur") if len(coordinates) == 1 else _("Buurtregisseur: %(name)s", name=n.name),
                       url_for("neighbourhoods.coordinator_area", slug=n.slug)) for n in coordinates]
    if can(user, "administer_instance"):
        items.append(MenuItem(_("Beheer"), url_for("admin.index")))
    items.append(MenuItem(_("Mijn gegevens"), url_for("accounts.profile")))
    return items


def _slug_for_my_pages(memberships) -> str | None:
    """The page's neighbourhood when the person lives there, else the first one they joined."""
    mine = [m.neighbourhood.slug for m in memberships if m.role == Role.RESIDENT.value]
    here = (request.view_args or {}).get("slug")
    if here in mine:
        return here
    return mine[0] if mine else None
