"""The ZIP of everything about a person: JSON to read by machine, the same as HTML pages in their
language, their photos, and their sign-ups as a calendar. A plain function of the user, so a
background job can call it as well as a request."""
from __future__ import annotations

import io
import json
import zipfile

from flask import render_template
from flask_babel import force_locale, gettext as _

from community.images.models import Image
from community.images.services import image_path
from community.privacy.export_calendar import sign_ups_ics
from community.privacy.export_images import my_images
from community.privacy.export_labels import label
from community.privacy.export_registry import sections

FORMAT_VERSION = 1
PHOTO_SIZE = "large"


def build_export_zip(user, created_at) -> bytes:
    """The whole ZIP in memory (an export is a person's own data: kilobytes, plus their photos)."""
    data = {section.name: section.rows_of(user) for section in sections()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _write_json(archive, data, created_at)
        with force_locale(user.locale or "nl"):
            _write_pages(archive, data, user, created_at)
            archive.writestr("agenda.ics", sign_ups_ics(user, _("Mijn aanmeldingen bij Buurtkracht")))
        _write_photos(archive, my_images(user.id))
    return buffer.getvalue()


def _write_json(archive: zipfile.ZipFile, data: dict, created_at) -> None:
    everything = {"format": FORMAT_VERSION, "created_at": created_at.isoformat(), "sections": data}
    archive.writestr("data.json", json.dumps(everything, ensure_ascii=False, indent=2))
    for name, rows in data.items():
        archive.writestr(f"json/{name}.json", json.dumps(rows, ensure_ascii=False, indent=2))


def _write_pages(archive: zipfile.ZipFile, data: dict, user, created_at) -> None:
    shown = [(section, data[section.name]) for section in sections()]
    archive.writestr("index.html", render_template("privacy/export_index.html", user=user, sections=shown,
                                                   created_at=created_at))
    for section, rows in shown:
        archive.writestr(f"pages/{section.name}.html", render_template(
            "privacy/export_section.html", user=user, section=section, rows=rows, column_label=label))


def _write_photos(archive: zipfile.ZipFile, images: list[Image]) -> None:
    for image in images:
        path = image_path(image, PHOTO_SIZE)
        if path.is_file():  # a file lost from disk leaves its row in photos.json, not a broken export
            archive.write(path, f"photos/{image.key}.webp")
