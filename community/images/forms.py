from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField

PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]


def photo_field(label) -> FileField:
    """A photo upload for any form. This only guides the choice of file; the image service
    judges the content itself."""
    return FileField(
        label,
        validators=[FileAllowed(PHOTO_EXTENSIONS, message=_l("Kies een JPG-, PNG- of WebP-foto."))],
        render_kw={"accept": "image/jpeg,image/png,image/webp"},
    )
