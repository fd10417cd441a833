"""Initiatives from the source documents, in every state, with supporters, updates and a
reported comment."""
from __future__ import annotations

import random

from sqlalchemy import select

from community.accounts.models import User
from community.extensions import db
from community.initiatives import services as initiatives
from community.initiatives.models import Initiative
from community.moderation import services as moderation
from community.neighbourhoods.models import Membership, Neighbourhood, Role

# title, want, can do, needs [(kind, description, people, euros)], final state, reason/result
DE_RUWAARD = [
    ("Speeltuin opknappen", "De speeltuin aan de Ruwaardsingel is vies en de bank is kapot. We willen hem samen weer mooi maken.",
     "Met vijf ouders kunnen we schoonmaken en schilderen. De schoolkinderen maken tekeningen voor het bord.",
     [("hands", "Mensen om zaterdag te schilderen", 6, None), ("things", "Verf en kwasten", None, None),
      ("money", "Een nieuwe bank", None, 250)], "published", ""),
    ("Maandelijkse buurtlunch", "Eén keer per maand samen lunchen in De Haard, zodat buren elkaar leren kennen.",
     "Wij koken: Fatma, Ans en Gerrit. We maken de zaal klaar.", [("room", "De grote zaal, laatste vrijdag van de maand", None, None),
                                                                   ("money", "Boodschappen voor de eerste keer", None, 120)],
     "done", "Drie lunches gehouden, elke keer meer dan veertig buren. We gaan door!"),
    ("Buurtmoestuin", "Op het grasveld achter de flat een moestuin met bakken, voor iedereen die wil tuinieren.",
     "We hebben tuiniers in de flat en iemand met een bakfiets.", [("things", "Houten bakken en aarde", None, None),
                                                                   ("advice", "Mag dit van de woningcorporatie?", None, None)],
     "submitted", ""),
    ("Kubb-toernooi in het park", "Een zomermiddag Kubb spelen met teams uit verschillende straten.",
     "We hebben drie Kubb-spellen en maken de poule-indeling.", [("hands", "Scheidsrechters", 3, None)],
     "changes_requested", "Mooi plan! Kun je erbij zetten wanneer en waar het moet gebeuren?"),
    ("Repair café", "Eens per maand samen spullen repareren in plaats van weggooien.",
     "Twee buren zijn handig met fietsen en elektra.", [("hands", "Iemand die kan naaien", 1, None),
                                                        ("things", "Gereedschapskist", None, None)], "published", ""),
    ("Welkomstbezoek voor nieuwe buren", "Nieuwe buren krijgen een bezoekje met een plantje en uitleg over de buurt.",
     "We gaan met z'n tweeën langs, in het Nederlands, Arabisch of Turks.", [("money", "Plantjes", None, 60)],
     "draft", ""),
    ("Vuurwerkshow op het plein", "Een groot vuurwerk met oud en nieuw.", "We kunnen het geld inzamelen.",
     [("money", "Vuurwerk", None, 3000)], "declined",
     "Dit is geen bewonersinitiatief maar een vraag voor de gemeente. We helpen je die te stellen."),
]


def build_initiatives_demo(slug: str = "de-ruwaard") -> None:
    neighbourhood = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == slug))
    if neighbourhood is None or db.session.scalar(select(Initiative.id).where(
            Initiative.neighbourhood_id == neighbourhood.id).limit(1)):
        return
    rng = random.Random(slug + "-initiatives")
    residents = [user for user in db.session.scalars(select(User).join(Membership).where(
        Membership.neighbourhood_id == neighbourhood.id, Membership.role == Role.RESIDENT.value).order_by(User.id))
        if user.roles_in(neighbourhood.id) == {Role.RESIDENT.value} and not user.is_admin]
    coordinator = db.session.scalar(select(User).join(Membership).where(
        Membership.neighbourhood_id == neighbourhood.id, Membership.role == Role.COORDINATOR.value))
    for number, (title, want, can_do, needs, final, reason) in enumerate(DE_RUWAARD):
        proposer = residents[number % len(residents)]
        initiative = initiatives.start_draft(neighbourhood, proposer, initiatives.Proposal(title, want, can_do))
        for kind, description, people, euros in needs:
            initiatives.add_need(initiative, kind, description, people, euros)
        if final == "draft":
            continue
        initiatives.transition(initiative, "submit", proposer)
        if final in ("changes_requested", "declined"):
            initiatives.transition(initiative, "request_changes" if final == "changes_requested" else "decline",
                                   coordinator, reason)
            continue
        if final == "submitted":
            continue
        initiatives.transition(initiative, "publish", coordinator)
        for supporter in rng.sample(residents, min(len(residents), rng.randint(4, 15))):
            if supporter.id != proposer.id:
                initiatives.toggle_support(initiative, supporter.id)
        helper = rng.choice(residents)
        initiatives.join(initiative, helper.id, initiative.needs[0].id, "Ik kan zaterdag helpen.")
        initiatives.post(initiative, proposer, "We zijn begonnen! Dank aan iedereen die meedoet.", is_update=True)
        if final == "done":
            initiative.needs[0].is_met = True
            initiatives.transition(initiative, "finish", proposer, reason)
    _reported_comment(neighbourhood, residents)


def _reported_comment(neighbourhood: Neighbourhood, residents: list[User]) -> None:
    playground = db.session.scalar(select(Initiative).where(Initiative.neighbourhood_id == neighbourhood.id,
                                                            Initiative.title == "Speeltuin opknappen"))
    comment = initiatives.post(playground, residents[-1], "Zonde van het geld, die kinderen slopen het toch weer.",
                               is_update=False)
    moderation.report("post", comment.id, residents[-2].id, "Dit is onaardig over de kinderen uit de buurt.")
