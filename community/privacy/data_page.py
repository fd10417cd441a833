"""The plain-language list on 'Mijn gegevens': what Buurtkracht keeps, why, how long, who sees it."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class KeptData:
    what: str
    why: str
    how_long: str
    who_sees: str


UNTIL_DELETED = _l("Tot je je account verwijdert.")

KEPT = (
    KeptData(_l("Je naam, e-mailadres, taal en wachtwoord (versleuteld, niemand kan het lezen)"),
             _l("Om in te loggen en je berichten te sturen in jouw taal."), UNTIL_DELETED,
             _l("Jij. Buurtregisseurs zien je naam; je e-mailadres alleen als ze je als bewoner bevestigen.")),
    KeptData(_l("In welke buurten je woont en welke rol je hebt"),
             _l("Zodat je ziet en doet wat in jouw buurt gebeurt."), UNTIL_DELETED,
             _l("Jij en de buurtregisseurs van die buurt.")),
    KeptData(_l("Waarvoor je je aanmeldde: activiteiten, taken, wachtlijsten, 'elke keer'"),
             _l("Om plaatsen eerlijk te verdelen en je te herinneren."),
             _l("Tot je je account verwijdert; wie kwam, telt daarna alleen nog als aantal."),
             _l("Jij en wie de activiteit of taak regelt.")),
    KeptData(_l("Initiatieven, steunbetuigingen, berichten en reacties"),
             _l("Omdat je ze zelf met de buurt deelde."), UNTIL_DELETED,
             _l("De buurt, zodra een buurtregisseur het initiatief online zette.")),
    KeptData(_l("Je talentenprofiel: wat je kunt, wilt, nodig hebt en wanneer je tijd hebt"),
             _l("Om buren met elkaar in contact te brengen."), UNTIL_DELETED,
             _l("Wie jij kiest: buren, alleen de buurtregisseurs, of niemand.")),
    KeptData(_l("Giften aan een lief-en-leedpot en uitgaven die je als gangmaker deed"),
             _l("Omdat het kasboek tot op de cent moet kloppen."),
             _l("Bedragen blijven in het kasboek; je naam gaat eruit als je je account verwijdert."),
             _l("Bedragen ziet iedereen; namen alleen de gangmakers en buurtregisseurs.")),
    KeptData(_l("Buurtplaatjes, je toestemmingen daarvoor, albums en ruilen"),
             _l("Om het plaatje alleen te tonen waar jij toestemming voor gaf."), UNTIL_DELETED,
             _l("Alleen waar je toestemming voor gaf; ruilen alleen als je album op 'ruilen' staat.")),
    KeptData(_l("Verhalen en foto's die je instuurde"),
             _l("Om ze te tonen waar je toestemming voor gaf."), UNTIL_DELETED,
             _l("De buurt, als je dat goedvond en een buurtregisseur het online zette.")),
    KeptData(_l("Meldingen die je deed"),
             _l("Zodat de buurtregisseurs iets kunnen nakijken."), UNTIL_DELETED,
             _l("Alleen de buurtregisseurs.")),
    KeptData(_l("E-mails die we je stuurden"),
             _l("Om te kunnen helpen als een e-mail niet aankwam."), _l("Een week na versturen."),
             _l("Alleen wie de website beheert.")),
    KeptData(_l("Je inlogsessies"),
             _l("Zodat je ingelogd blijft, en je overal tegelijk kunt uitloggen."),
             _l("Tot je uitlogt of ze verlopen."), _l("Niemand.")),
    KeptData(_l("Je download met al je gegevens"),
             _l("Omdat je erom vroeg."), _l("Zeven dagen."), _l("Alleen jij.")),
)
