from __future__ import annotations

from sqlalchemy import func, select

from community.accounts.models import User
from community.demo import DEMO_PASSWORD, build_demo_data
from community.extensions import db
from community.neighbourhoods.models import Membership, Neighbourhood
from community.neighbourhoods.services import resident_count


def _counts():
    return tuple(db.session.scalar(select(func.count()).select_from(model)) for model in (User, Neighbourhood, Membership))


def test_demo_data_builds_real_neighbourhoods_and_is_idempotent(app):
    build_demo_data()
    first = _counts()
    build_demo_data()
    assert _counts() == first

    for slug in ("de-ruwaard", "selwerd"):
        neighbourhood = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == slug))
        assert neighbourhood.house is not None and len(neighbourhood.house.rooms) >= 3
        assert resident_count(neighbourhood) >= 50
        coordinators = db.session.scalars(select(Membership).where(
            Membership.neighbourhood_id == neighbourhood.id, Membership.role == "coordinator")).all()
        assert coordinators


def test_demo_accounts_can_log_in(app, client):
    build_demo_data(residents_per_neighbourhood=2)
    response = client.post("/account/login", data={"email": "marieke@example.org", "password": DEMO_PASSWORD})
    assert response.status_code == 303
    assert client.get("/de-ruwaard/coordinator/").status_code == 200


def test_demo_data_command(app):
    result = app.test_cli_runner().invoke(args=["demo-data"])
    assert result.exit_code == 0 and "Demo data ready" in result.output
