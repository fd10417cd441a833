"""What the pot adds to the neighbourhood's pages: a tile, the pots with their balance, and for
those who run them what waits (open tips, payouts waiting for a second person)."""
from __future__ import annotations

from flask import g, url_for
from flask_babel import gettext as _, ngettext
from flask_login import current_user

from community.i18n import format_cents
from community.neighbourhoods.services import Part, Section, register_coordinator_part, register_part, register_section
from community.permissions import can
from community.pictograms import TILES
from community.pot import books, reports
from community.pot.services import pots_of


def _pots_here(neighbourhood_id: int) -> list:
    """The neighbourhood's pots, read once for the page's tile and its section."""
    known = g.setdefault("pots_of_neighbourhood", {})
    if neighbourhood_id not in known:
        known[neighbourhood_id] = pots_of(neighbourhood_id)
    return known[neighbourhood_id]


def pot_part(neighbourhood) -> Part | None:
    found = _pots_here(neighbourhood.id)
    if not found and not can(current_user, "open_pot", neighbourhood):
        return None
    return Part(title=_("Lief-en-leedpot"), text=_("Samen geven bij lief en leed in de straat"), icon=TILES["pot"],
                tone="plum", url=url_for("pot.index", slug=neighbourhood.slug))


def pots_section(neighbourhood) -> Section | None:
    found = _pots_here(neighbourhood.id)
    if not found:
        return None
    ids = [pot.id for pot in found]
    return Section("pot/_home.html", {"pots": found, "balances": reports.balances_of(ids),
                                      "waiting": books.waiting_per_pot(ids),
                                      "private": {pot.id for pot in found if can(current_user, "see_pot_privately", pot)}})


def coordinator_pot_part(neighbourhood) -> Part:
    found = pots_of(neighbourhood.id)
    waiting = books.waiting_per_pot([pot.id for pot in found]).values()
    nominations, payouts = sum(w.nominations for w in waiting), sum(w.payouts for w in waiting)
    balance = sum(reports.balances_of([pot.id for pot in found]).values())
    text = ngettext("%(num)d pot, samen %(balance)s", "%(num)d potten, samen %(balance)s", len(found),
                    balance=format_cents(balance)) if found else _("Open een pot voor een straat")
    if nominations or payouts:
        text += " · " + _("%(tips)s, %(payouts)s", tips=ngettext("%(num)d tip", "%(num)d tips", nominations),
                          payouts=ngettext("%(num)d uitgave wacht", "%(num)d uitgaven wachten", payouts))
    return Part(title=_("Lief-en-leedpotten"), text=text, icon=TILES["pot"], tone="plum",
                url=url_for("pot.index", slug=neighbourhood.slug))


def register_pot_parts() -> None:
    register_part(pot_part)
    register_section(pots_section)
    register_coordinator_part(coordinator_pot_part)
