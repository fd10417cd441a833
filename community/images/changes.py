"""Giving something (an initiative, an activity, a task) a photo, another one, or none: the photo
it replaces is deleted in the same transaction, its files once that commits."""
from __future__ import annotations

from dataclasses import dataclass

from community.images.models import Image
from community.images.services import discard_image


@dataclass(frozen=True)
class PhotoChange:
    """What a form asks of the photo of what it describes: a new one (stored already) in place of
    the one there is, or none any more; and what is on it, in words (None: as it was). The default
    leaves the photo as it is."""

    new: Image | None = None
    remove: bool = False
    description: str | None = None


def apply_photo_change(holder, change: PhotoChange) -> None:
    """`holder` has a `photo` and a `photo_description`; a description goes with its photo."""
    change_photo(holder, change.new, remove=change.remove)
    if holder.photo is None:
        holder.photo_description = ""
    elif change.description is not None:
        holder.photo_description = change.description.strip()


def change_photo(holder, new: Image | None = None, *, remove: bool = False) -> bool:
    """Give `holder` (a row with a `photo`) the new photo, or none at all when `remove`; with neither
    it keeps the one it has. The photo it had is deleted, its files once this transaction commits.
    Says whether anything changed."""
    previous = holder.photo
    if new is None and not remove:
        return False
    holder.photo = new
    if previous is not None and previous is not new:
        discard_image(previous)
    return previous is not new
