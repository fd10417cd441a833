"""The instance admin: creates neighbourhoods and hands out coordinator and treasurer roles."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.neighbourhoods import admin_bp as bp
from community.neighbourhoods import services as neighbourhoods
from community.neighbourhoods.forms import ConfirmForm, NeighbourhoodForm, RoleForm
from community.neighbourhoods.models import Role
from community.neighbourhoods.views import house_details_from
from community.neighbourhoods.pages import neighbourhood_view
from community.permissions import require
from community.web import form_page, isolate, notify, see_other


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    require(current_user, "administer_instance")
    form = NeighbourhoodForm()
    if form.validate_on_submit():
        require(current_user, "create_neighbourhood")
        try:
            neighbourhood = neighbourhoods.create_neighbourhood(
                form.name.data, form.city.data, form.slug.data or "", house_details_from(form), form.description.data or ""
            )
        except neighbourhoods.NeighbourhoodError as error:
            form.slug.errors.append(error.message)
        else:
            notify(_("Buurt %(name)s is aangemaakt.", name=isolate(neighbourhood.name)))
            return see_other("admin.roles", slug=neighbourhood.slug)
    return form_page("admin/index.html", form, neighbourhoods=neighbourhoods.all_neighbourhoods())


@bp.route("/<slug>/roles", methods=["GET", "POST"])
@login_required
@neighbourhood_view("assign_roles")
def roles(neighbourhood):
    form = RoleForm()
    if form.validate_on_submit():
        try:
            membership = neighbourhoods.assign_role(neighbourhood, form.email.data, Role(form.role.data), by=current_user)
        except neighbourhoods.NeighbourhoodError as error:
            form.email.errors.append(error.message)
        else:
            notify(_("%(name)s heeft nu de rol: %(role)s.", name=isolate(membership.user.display_name),
                     role=Role(membership.role).label))
            return see_other("admin.roles", slug=neighbourhood.slug)
    return form_page("admin/roles.html", form, neighbourhood=neighbourhood, revoke_form=ConfirmForm(),
        role_holders=neighbourhoods.role_holders(neighbourhood),
    )


@bp.route("/<slug>/roles/<int:membership_id>/revoke", methods=["POST"])
@login_required
@neighbourhood_view("assign_roles")
def revoke_role(neighbourhood, membership_id: int):
    membership = neighbourhoods.membership_in_neighbourhood_or_404(neighbourhood, membership_id)
    if ConfirmForm().validate_on_submit():
        try:
            neighbourhoods.revoke_role(membership, by=current_user)
        except neighbourhoods.NeighbourhoodError as error:
            notify(error.message, "error")
        else:
            notify(_("De rol is afgenomen."))
    return see_other("admin.roles", slug=neighbourhood.slug)
