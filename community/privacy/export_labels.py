"""Words for the columns of the export's readable pages (the JSON keeps the machine names)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

LABELS = {
    "id": _l("Nummer"), "display_name": _l("Naam"), "email": _l("E-mailadres"), "locale": _l("Taal"),
    "email_confirmed_at": _l("E-mailadres bevestigd op"), "created_at": _l("Gemaakt op"),
    "password_changed_at": _l("Wachtwoord gewijzigd op"), "neighbourhood": _l("Buurt"),
    "neighbourhood_id": _l("Buurt (nummer)"), "role": _l("Rol"), "since": _l("Sinds"),
    "confirmed_at": _l("Bevestigd op"), "kind": _l("Soort"), "title": _l("Titel"), "starts_at": _l("Begint"),
    "ends_at": _l("Eindigt"), "status": _l("Stand"), "presence": _l("Aanwezig"),
    "signed_up_at": _l("Aangemeld op"), "want": _l("Wat wil je?"), "can_do": _l("Wat kun je zelf?"),
    "state": _l("Stand"), "result": _l("Resultaat"), "needs": _l("Wat is nodig"), "published_at": _l("Online op"),
    "initiative_id": _l("Initiatief (nummer)"), "initiative": _l("Initiatief"), "message": _l("Bericht"),
    "body": _l("Tekst"), "is_hidden": _l("Verborgen"), "skills": _l("Talenten"), "own_words": _l("In eigen woorden"),
    "wants": _l("Wat wil ik?"), "availability": _l("Wanneer ik tijd heb"), "visibility": _l("Wie het ziet"),
    "updated_at": _l("Gewijzigd op"), "description": _l("Beschrijving"), "origin": _l("Door wie"),
    "place": _l("Plek"), "private_place": _l("Plek (alleen voor wie helpt)"), "first_date": _l("Eerste datum"),
    "is_closed": _l("Gesloten"), "task_id": _l("Taak (nummer)"), "task": _l("Taak"), "invited_at": _l("Uitgenodigd op"),
    "pot_id": _l("Pot (nummer)"), "pot": _l("Pot"), "occurred_on": _l("Datum"), "booked_at": _l("Geboekt op"),
    "amount_cents": _l("Bedrag (centen)"), "occasion": _l("Gelegenheid"), "what": _l("Wat"),
    "asked_at": _l("Gevraagd op"), "decided_at": _l("Besloten op"), "text": _l("Tekst"), "answer": _l("Antwoord"),
    "code": _l("Code"), "edition_id": _l("Reeks (nummer)"), "line": _l("Zin op het plaatje"), "age": _l("Leeftijd"),
    "is_child": _l("Van een kind"), "is_pet": _l("Van een huisdier"), "photo": _l("Foto (bestand)"),
    "withdrawn_at": _l("Ingetrokken op"), "card_id": _l("Plaatje (nummer)"), "scope": _l("Waar"),
    "granted_at": _l("Gegeven op"), "is_guardian": _l("Gegeven als ouder of voogd"), "revoked_at": _l("Ingetrokken op"),
    "collector_name": _l("Naam van het album"), "is_swapping": _l("Ruilt"), "cards": _l("Plaatjes (aantal per plaatje)"),
    "my_album_id": _l("Mijn album (nummer)"), "i_proposed": _l("Ik stelde voor"), "done_at": _l("Geruild op"),
    "cards_given": _l("Plaatjes gegeven"), "cards_received": _l("Plaatjes gekregen"), "subject": _l("Onderwerp"),
    "photo_description": _l("Wat er op de foto staat"), "may_show_publicly": _l("Mag online"),
    "may_show_name": _l("Naam erbij"), "decline_reason": _l("Reden van de buurtregisseur"), "slot_id": _l("Datum (nummer)"),
    "score": _l("Antwoord"), "answered_at": _l("Beantwoord op"), "target_type": _l("Wat je meldde"),
    "target_id": _l("Nummer van wat je meldde"), "reason": _l("Reden"), "is_open": _l("Nog open"),
    "key": _l("Sleutel"), "file": _l("Bestand"), "width": _l("Breedte"), "height": _l("Hoogte"),
    "uploaded_at": _l("Geüpload op"), "sent_at": _l("Verstuurd op"), "started_at": _l("Begonnen op"),
    "last_seen_at": _l("Laatst gebruikt op"),
}


def label(key: str) -> str:
    return str(LABELS[key]) if key in LABELS else key
