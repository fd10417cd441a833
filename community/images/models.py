from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from community.db import utcnow
from community.extensions import db

# The stored variants, each fitted into its box (the thumbnail is cut to fill its square): a thumbnail
# for cards, a small photo for lists and narrow screens, a large one for a page.
SIZES = {"thumb": (160, 160), "small": (480, 480), "large": (1600, 1600)}
SQUARE_SIZES = {"thumb"}
# What is on a photo, in words, for whoever cannot see it (its alt text), where a form asks for it.
PHOTO_DESCRIPTION_MAX = 200


class Image(db.Model):
    """An uploaded photo. The files (a small and a large WebP) live on disk, named by `key`."""

    __tablename__ = "image"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"), index=True)
    # Of the large variant, so templates can reserve the space before the photo loads.
    width: Mapped[int]
    height: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def size_of(self, size: str) -> tuple[int, int]:
        """Width and height of a variant, for the width/height attributes that keep its place on the page."""
        box = SIZES[size]
        if size in SQUARE_SIZES:
            return box
        scale = min(1.0, box[0] / self.width, box[1] / self.height)
        return max(1, round(self.width * scale)), max(1, round(self.height * scale))
    # A private image (a pot's receipt) is never served by its key; its feature serves it to those
    # who may see it.
    is_private: Mapped[bool] = mapped_column(default=False)
