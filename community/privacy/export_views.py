"""The download area: ask for an export, and fetch it (only its owner; anyone else gets 404)."""
from __future__ import annotations

from flask import render_template, send_file
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.errors import NotFound
from community.extensions import db
from community.permissions import can
from community.privacy import bp
from community.privacy.export_service import ExportError, downloadable, export_of, request_export
from community.privacy.models import DataExport
from community.web import notify, see_other


def _downloads_page(**context):
    export = export_of(current_user.id)
    return render_template("privacy/downloads.html", export=export,
                           available=export is not None and downloadable(export) is not None, **context)


@bp.route("/download")
@login_required
def downloads():
    return _downloads_page()


@bp.route("/download", methods=["POST"])
@login_required
def make_export():
    try:
        request_export(current_user)
    except ExportError as error:
        notify(error.message, "error")
        return _downloads_page(), 429
    notify(_("Je download staat klaar."))
    return see_other("privacy.downloads")


@bp.route("/download/<int:export_id>/buurtkracht-gegevens.zip")
@login_required
def download(export_id: int):
    export = db.session.get(DataExport, export_id)
    if export is None or not can(current_user, "download_export", export):
        raise NotFound()
    path = downloadable(export)
    if path is None:
        raise NotFound()
    return send_file(path, mimetype="application/zip", as_attachment=True, download_name="buurtkracht-gegevens.zip",
                     max_age=0)
