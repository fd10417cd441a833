from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField
from werkzeug.datastructures import FileStorage
from wtforms import BooleanField, StringField
from wtforms.validators import Optional

from community.errors import DomainError
from community.extensions import db
from community.forms import max_length, strip
from community.images import services as images
from community.images.changes import PhotoChange
from community.images.models import PHOTO_DESCRIPTION_MAX, Image

PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]


def photo_field(label, description="") -> FileField:
    """A photo upload for any form. This only guides the choice of file; the image service
    judges the content itself."""
    return FileField(
        label,
        validators=[FileAllowed(PHOTO_EXTENSIONS, message=_l("Kies een JPG-, PNG- of WebP-foto."))],
        render_kw={"accept": "image/jpeg,image/png,image/webp"}, description=description,
    )


class PhotoFields:
    """A photo for what a form describes (an activity, a task): a new one to add or to replace the
    one there is, or a tick to take it away, and what is on it in words. Mixed into a FlaskForm; its
    form needs enctype="multipart/form-data"."""

    photo = photo_field(_l("Foto (mag leeg)"),
                        _l("Liever een foto van de plek of van wat je gaat doen. Staan er mensen op? "
                           "Vraag ze eerst of dat mag."))
    photo_description = StringField(
        _l("Wat staat er op de foto? (mag leeg)"), filters=[strip],
        validators=[Optional(), max_length(PHOTO_DESCRIPTION_MAX)], render_kw={"dir": "auto"},
        description=_l("Voor wie de foto niet kan zien. Bijvoorbeeld: buren drinken koffie aan een lange tafel."))
    remove_photo = BooleanField(_l("Foto weghalen"))

    def photo_change(self, new: Image | None) -> PhotoChange:
        """What the form asks, with the photo chosen on it (stored by store_chosen_photo)."""
        return PhotoChange(new=new, remove=bool(self.remove_photo.data),
                                  description=self.photo_description.data or "")

    def chosen_photo(self) -> bool:
        # Without a file sent, the field keeps what the form was filled from (obj=series: its Image).
        return isinstance(self.photo.data, FileStorage) and bool(self.photo.data.filename)


def store_chosen_photo(form: PhotoFields, *, owner_id: int | None, neighbourhood_id: int) -> Image | None:
    """The photo chosen on the form, stored by the image service (its row is the caller's to commit,
    and goes with its files if that does not happen); None when none was chosen, or when it is not
    a photo we can use, which is then said at the field."""
    if not form.chosen_photo():
        return None
    try:
        return images.save_uploaded_image(form.photo.data, owner_id=owner_id, neighbourhood_id=neighbourhood_id)
    except images.ImageError as error:
        form.photo.errors = [*form.photo.errors, error.message]
        return None


def save_with_photo(form, save, refusal: type[DomainError], *, owner_id: int | None, neighbourhood_id: int):
    """What `save(photo)` returns, with the photo chosen on the form stored first (None if none, or if
    the form has no photo): the decode runs before the save's transaction, which then commits the
    photo's row with everything else. Or None, with the reason at the field it concerns (the form is
    shown again): the photo's own, or the field a `refusal` names (else the title). A refusal rolls
    the new photo back, files and all."""
    photo = None
    if "photo" in form:
        photo = store_chosen_photo(form, owner_id=owner_id, neighbourhood_id=neighbourhood_id)
        if form.photo.errors:
            return None
    try:
        return save(photo)
    except refusal as error:
        db.session.rollback()
        (getattr(form, error.field_name or "title", None) or form.title).errors.append(error.message)
        return None
