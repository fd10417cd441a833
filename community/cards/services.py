"""The rules of Buurtplaatjes, callable without HTTP."""
from __future__ import annotations

from community.cards.visibility import is_visible, visible_cards, visible_cards_query  # noqa: F401  the gate
