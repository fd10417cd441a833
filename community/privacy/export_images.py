"""Export: the photos I uploaded (their files go into the ZIP beside this list)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community.extensions import db
from community.images.models import Image
from community.privacy.export_registry import exporter, row


def my_images(user_id: int) -> list[Image]:
    return list(db.session.scalars(select(Image).where(Image.owner_id == user_id).order_by(Image.id)))


@exporter("photos", _l("Foto's die ik uploadde"))
def photos(user) -> list[dict]:
    return [row(key=i.key, file=f"photos/{i.key}.webp", width=i.width, height=i.height, uploaded_at=i.created_at)
            for i in my_images(user.id)]
