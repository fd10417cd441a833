"""Delete my account (with its grace period), and the admin's count of accounts waiting."""
from __future__ import annotations

from flask import render_template
from flask_babel import format_date, gettext as _
from flask_login import current_user, login_required, user_logged_in

from community.accounts import services as accounts
from community.accounts.login_sessions import end_login_session
from community.permissions import require
from community.privacy import bp
from community.privacy import deletion
from community.privacy.deletion_forms import KEEP, DeleteAccountForm
from community.privacy.erasure import handovers_needed
from community.web import form_page, notify, see_other


@bp.route("/delete", methods=["GET", "POST"])
@login_required
def delete_account():
    require(current_user, "delete_account", current_user)
    form = DeleteAccountForm()
    handovers = handovers_needed(current_user.id)
    if not form.validate_on_submit():
        return form_page("privacy/deletion.html", form, handovers=handovers, grace_days=deletion.GRACE_PERIOD.days)
    if not accounts.verify_password(current_user, form.password.data):
        form.password.errors.append(_("Dit wachtwoord klopt niet."))
        return render_template("privacy/deletion.html", form=form, handovers=handovers,
                               grace_days=deletion.GRACE_PERIOD.days), 422
    if handovers:
        return render_template("privacy/deletion.html", form=form, handovers=handovers, refused=True,
                               grace_days=deletion.GRACE_PERIOD.days), 409
    return _request(form)


def _request(form: DeleteAccountForm):
    choices = deletion.Choices(form.initiatives.data == KEEP, form.posts.data == KEEP, form.stories.data == KEEP)
    request = deletion.request_deletion(current_user._get_current_object(), choices)
    end_login_session()
    notify(_("Je account wordt op %(date)s verwijderd. Bedenk je je? Log voor die tijd weer in, dan gaat het "
             "niet door.", date=format_date(request.due_at, "long")))
    return see_other("site.index")


@bp.route("/deletions")
@login_required
def deletion_counts():
    require(current_user, "view_deletion_counts")
    return render_template("privacy/deletion_counts.html", pending=deletion.pending_count())


@user_logged_in.connect
def _logging_in_undoes_deletion(_app, user, **_extra) -> None:
    if deletion.cancel_deletion(user.id):
        notify(_("Je had gevraagd je account te verwijderen. Omdat je weer bent ingelogd, gaat dat niet door."),
               "info")
