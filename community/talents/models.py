"""What the neighbourhood has (ABCD): people's talents, and things, places and organisations."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import User
from community.db import TimestampMixin, utcnow
from community.extensions import db
from community.images.models import Image

# Lengths in characters of what people type; the forms allow the same.
PROFILE_TEXT_MAX = 1000    # a profile's own words, wants and needs, each
ASSET_NAME_MAX = 120
ASSET_DESCRIPTION_MAX = 1000
PUBLIC_CONTACT_MAX = 200

SKILLS = {
    "cooking": _l("Koken"),
    "fixing_bikes": _l("Fietsen maken"),
    "listening": _l("Luisteren"),
    "gardening": _l("Tuinieren"),
    "driving": _l("Autorijden"),
    "languages": _l("Talen spreken"),
    "it_help": _l("Hulp met computer en telefoon"),
    "music": _l("Muziek maken"),
    "odd_jobs": _l("Klussen"),
    "sewing": _l("Naaien"),
    "children": _l("Met kinderen werken"),
    "visiting": _l("Op bezoek gaan"),
    "paperwork": _l("Helpen met papieren"),
    "crafts": _l("Handwerken en knutselen"),
    "sport": _l("Sport en bewegen"),
    "organising": _l("Organiseren"),
}

DAYS = [_l("maandag"), _l("dinsdag"), _l("woensdag"), _l("donderdag"), _l("vrijdag"), _l("zaterdag"), _l("zondag")]
PARTS = [_l("ochtend"), _l("middag"), _l("avond")]


class Visibility(StrEnum):
    NEIGHBOURHOOD = "neighbourhood"
    COORDINATORS = "coordinators"
    HIDDEN = "hidden"


VISIBILITY_LABELS = {
    Visibility.NEIGHBOURHOOD: _l("Buren uit mijn buurt mogen het zien"),
    Visibility.COORDINATORS: _l("Alleen de buurtregisseurs"),
    Visibility.HIDDEN: _l("Niemand (alleen ik)"),
}


class AssetKind(StrEnum):
    BORROW = "borrow"
    PLACE = "place"
    ORGANISATION = "organisation"
    PUBLIC_SPACE = "public_space"


# What may be located on the map: public places, never a person or a thing someone lends out at home.
MAPPABLE = (AssetKind.PLACE, AssetKind.ORGANISATION, AssetKind.PUBLIC_SPACE)

ASSET_LABELS = {
    AssetKind.BORROW: _l("Spullen om te lenen"),
    AssetKind.PLACE: _l("Plekken om elkaar te ontmoeten"),
    AssetKind.ORGANISATION: _l("Organisaties en verenigingen"),
    AssetKind.PUBLIC_SPACE: _l("Buitenruimte"),
}


class TalentProfile(TimestampMixin, db.Model):
    """Wat kan ik? Wat wil ik? Wat heb ik nodig? And when I am free."""

    __tablename__ = "talent_profile"
    __table_args__ = (UniqueConstraint("user_id", "neighbourhood_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"), index=True)
    skills: Mapped[str] = mapped_column(String(400), default="")        # comma-separated SKILLS keys
    own_words: Mapped[str] = mapped_column(String(PROFILE_TEXT_MAX), default="")  # talents in their own words
    wants: Mapped[str] = mapped_column(String(PROFILE_TEXT_MAX), default="")      # Wat wil ik?
    needs: Mapped[str] = mapped_column(String(PROFILE_TEXT_MAX), default="")      # Wat heb ik nodig?
    availability: Mapped[str] = mapped_column(String(21), default="0" * 21)  # day × morning/afternoon/evening
    visibility: Mapped[str] = mapped_column(String(20), default=Visibility.NEIGHBOURHOOD.value)

    user: Mapped[User] = relationship(lazy="joined")

    @property
    def skill_codes(self) -> list[str]:
        return [code for code in self.skills.split(",") if code in SKILLS]

    def is_free(self, day: int, part: int) -> bool:
        return self.availability[day * 3 + part] == "1"


class Asset(db.Model):
    """Something the neighbourhood has that is not a person: a cargo bike, the library, a park."""

    __tablename__ = "asset"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(ASSET_NAME_MAX))
    description: Mapped[str] = mapped_column(String(ASSET_DESCRIPTION_MAX), default="")
    public_contact: Mapped[str] = mapped_column(String(PUBLIC_CONTACT_MAX), default="")   # e.g. opening hours or a public phone
    # Only public places and organisations are located, never a person.
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


POINT_COLUMNS = tuple(f"{point}_{part}" for point in ("first", "second") for part in ("x", "y", "latitude", "longitude"))


class MapBackground(db.Model):
    """A neighbourhood's own plan behind the map page: an uploaded drawing or exported map, placed by
    two of its pixels whose latitude and longitude the coordinator gave (first_* and second_*, in
    pixels of the image's large size). Until both points are given the image is not shown."""

    __tablename__ = "map_background"
    __table_args__ = (
        CheckConstraint(" AND ".join(f"{column} IS NULL" for column in POINT_COLUMNS) + " OR "
                        + " AND ".join(f"{column} IS NOT NULL" for column in POINT_COLUMNS), name="points_whole"),
        CheckConstraint("first_x >= 0 AND first_y >= 0 AND second_x >= 0 AND second_y >= 0", name="pixels_in_image"),
        CheckConstraint("first_latitude BETWEEN -90 AND 90 AND second_latitude BETWEEN -90 AND 90 "
                        "AND first_longitude BETWEEN -180 AND 180 AND second_longitude BETWEEN -180 AND 180",
                        name="positions_on_earth"),
        CheckConstraint("first_x <> second_x OR first_y <> second_y", name="two_pixels"),
        CheckConstraint("first_latitude <> second_latitude OR first_longitude <> second_longitude", name="two_places"),
    )

    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"), primary_key=True)
    image_id: Mapped[int] = mapped_column(ForeignKey("image.id", ondelete="CASCADE"), index=True)
    first_x: Mapped[float | None]
    first_y: Mapped[float | None]
    first_latitude: Mapped[float | None]
    first_longitude: Mapped[float | None]
    second_x: Mapped[float | None]
    second_y: Mapped[float | None]
    second_latitude: Mapped[float | None]
    second_longitude: Mapped[float | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    image: Mapped[Image] = relationship(lazy="joined")

    @property
    def is_placed(self) -> bool:
        return self.second_longitude is not None
