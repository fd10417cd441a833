"""The rules of a street's pot: who runs it, gifts, payouts and their second pair of eyes,
handovers, cash counts, reversals, nominations and closing a year. Views ask permissions.can
who may; these functions enforce what may happen and commit."""
from __future__ import annotations

import logging
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import lazyload, selectinload

from community.accounts.models import User
from community.db import utcnow
from community.errors import NotFound
from community.images.services import ImageError  # noqa: F401 - a receipt that is no photo; views catch it
from community.extensions import db
from community.neighbourhoods.models import Membership, Neighbourhood, Role
from community.pot import ledger
from community.pot.ledger import AlreadyRecorded, Leg, NotEnoughMoney, PotError  # noqa: F401 - the errors views catch
from community.pot.models import (ACCOUNT_HOLDER_MAX, DESCRIPTION_MAX, GIVER_NAME_MAX, NOMINATION_MAX, POT_NAME_MAX,
                                  REASON_MAX, RECIPIENT_MAX, STREETS_MAX, AccountKind, NominationState, Occasion, PayoutState, Pot, PotAccount, PotGangmaker,
                                  PotGift, PotNomination, PotPayout, PotTransaction, Source,
                                  TransactionKind)
from community.recurrence import local_today  # noqa: F401 - tests reach it through here
from community.versions import NUMBERS, mark_changed

log = logging.getLogger("community.pot")

CASH, TRANSFER, VOUCHER = "cash", "transfer", "voucher"
POCKET = "pocket"  # a gangmaker paid out of their own pocket: the pot owes them


# --- a pot and who runs it ---------------------------------------------------------------------

def pots_of(neighbourhood_id: int) -> list[Pot]:
    """With who runs each (the pages ask whether the reader is one of them), in one more query."""
    return list(db.session.scalars(select(Pot).where(Pot.neighbourhood_id == neighbourhood_id).order_by(Pot.name)
                                   .options(selectinload(Pot.gangmakers))))


def candidates_for_gangmaker(neighbourhood: Neighbourhood) -> list[User]:
    """Residents of the neighbourhood, treasurers first (the neighbourhood's treasurer may run a pot)."""
    rows = db.session.execute(
        select(User, Membership.role).join(Membership, Membership.user_id == User.id)
        .where(Membership.neighbourhood_id == neighbourhood.id).order_by(User.display_name, User.id)).all()
    treasurers = {user.id for user, role in rows if role == Role.TREASURER.value}
    people = {user.id: user for user, _role in rows}
    return sorted(people.values(), key=lambda user: (user.id not in treasurers, user.display_name.casefold(), user.id))


def _gangmakers_from(neighbourhood_id: int, user_ids: list[int]) -> list[int]:
    chosen = sorted(set(user_ids))
    if not chosen:
        raise PotError(_l("Kies minstens één gangmaker."), "gangmakers")
    members = set(db.session.scalars(select(Membership.user_id).where(
        Membership.neighbourhood_id == neighbourhood_id, Membership.user_id.in_(chosen))))
    if members != set(chosen):
        raise PotError(_l("Een gangmaker woont in de buurt: kies bewoners van deze buurt."), "gangmakers")
    return chosen


def open_pot(neighbourhood: Neighbourhood, *, name: str, streets: str, gangmaker_ids: list[int],
             threshold_cents: int, iban: str, account_holder: str, by: User) -> Pot:
    pot = Pot(neighbourhood_id=neighbourhood.id, created_by_id=by.id)
    _apply_details(pot, name=name, streets=streets, threshold_cents=threshold_cents, iban=iban,
                   account_holder=account_holder)
    pot.gangmakers = [PotGangmaker(user_id=user_id) for user_id in _gangmakers_from(neighbourhood.id, gangmaker_ids)]
    db.session.add(pot)
    db.session.commit()
    log.info("pot opened: %s in neighbourhood %s", pot.id, neighbourhood.id)
    return pot


def update_pot(pot: Pot, *, name: str, streets: str, gangmaker_ids: list[int], threshold_cents: int, iban: str,
               account_holder: str) -> Pot:
    with ledger.money_operation(pot.id) as pot:
        _apply_details(pot, name=name, streets=streets, threshold_cents=threshold_cents, iban=iban,
                       account_holder=account_holder)
        chosen = _gangmakers_from(pot.neighbourhood_id, gangmaker_ids)
        for gangmaker in [g for g in pot.gangmakers if g.user_id not in chosen]:
            _refuse_leaving_with_money(pot, gangmaker.user_id)
            pot.gangmakers.remove(gangmaker)
        pot.gangmakers.extend(PotGangmaker(user_id=user_id) for user_id in chosen if user_id not in pot.gangmaker_ids())
    return pot


def _apply_details(pot: Pot, *, name, streets, threshold_cents, iban, account_holder) -> None:
    pot.name = ledger.bounded_text(name, POT_NAME_MAX, "name")
    pot.streets = ledger.bounded_text(streets, STREETS_MAX, "streets")
    pot.approval_threshold_cents = threshold_cents
    pot.iban = iban
    pot.account_holder = ledger.bounded_text(account_holder, ACCOUNT_HOLDER_MAX, "account_holder")
    if pot.iban and not pot.account_holder:
        raise PotError(_l("Zet de naam van de rekeninghouder erbij: de bank-app laat die zien."), "account_holder")


def _refuse_leaving_with_money(pot: Pot, user_id: int) -> None:
    accounts = db.session.scalars(select(PotAccount).where(
        PotAccount.pot_id == pot.id, PotAccount.holder_id == user_id, PotAccount.balance_cents != 0))
    if any(True for _ in accounts):
        raise PotError(_l("Deze gangmaker heeft nog geld van de pot, of krijgt nog iets terug. Regel dat eerst "
                          "met een overdracht of een terugbetaling."), "gangmakers")


def is_gangmaker(pot: Pot, user_id: int | None) -> bool:
    return user_id is not None and user_id in pot.gangmaker_ids()


# --- gifts --------------------------------------------------------------------------------------

def record_gift(pot: Pot, *, submission: str, source: Source, method: str, amount_cents: int, occurred_on: date,
                giver_name: str, may_show_name: bool, by: User) -> PotTransaction:
    """Money in: cash into the recorder's tin, a transfer into the bank, a voucher among the vouchers."""
    giver_name = ledger.bounded_text(giver_name, GIVER_NAME_MAX, "giver_name")
    with ledger.money_operation(pot.id) as pot:
        ledger.refuse_closed_year(pot, occurred_on)
        ledger.claim_submission(pot.id, submission)
        into = {CASH: lambda: ledger.tin_of(pot.id, by.id), TRANSFER: lambda: ledger.bank(pot.id),
                VOUCHER: lambda: ledger.vouchers(pot.id)}[method]()
        transaction = ledger.book(pot, TransactionKind.GIFT.value, occurred_on,
                                  [Leg(into, amount_cents), Leg(ledger.income(pot.id, source), -amount_cents)],
                                  booked_by_id=by.id)
        db.session.add(PotGift(transaction_id=transaction.id, giver_name=giver_name,
                               may_show_name=bool(may_show_name and giver_name)))
    log.info("pot gift: pot %s transaction %s by %s", pot.id, transaction.id, by.id)
    return transaction


# --- payouts ----------------------------------------------------------------------------------------

def paid_from_account(pot: Pot, place: str, by: User) -> PotAccount:
    """'tin' (the recorder's own), 'bank', 'vouchers' or 'pocket' (the pot then owes the recorder)."""
    if place == "tin":
        return ledger.tin_of(pot.id, by.id)
    if place == "bank":
        return ledger.bank(pot.id)
    if place == "vouchers":
        return ledger.vouchers(pot.id)
    if place == POCKET:
        return ledger.owed_to(pot.id, by.id)
    raise PotError(_l("Kies waar het geld vandaan kwam."), "paid_from")


def ask_payout(pot: Pot, *, submission: str, occasion: Occasion, amount_cents: int, occurred_on: date, paid_from: str,
               what: str, recipient: str, no_receipt_reason: str, receipt_file, by: User) -> PotPayout:
    """A payout; above the pot's threshold it waits for a second person before it counts."""
    what = ledger.bounded_text(what, DESCRIPTION_MAX, "what")
    recipient = ledger.bounded_text(recipient, RECIPIENT_MAX, "recipient")
    no_receipt_reason = ledger.bounded_text(no_receipt_reason, REASON_MAX, "no_receipt_reason")
    if not what:
        raise PotError(_l("Schrijf kort wat er gekocht is, bijvoorbeeld: een bos bloemen."), "what")
    if receipt_file is None and not no_receipt_reason:
        raise PotError(_l("Voeg een foto van het bonnetje toe, of schrijf waarom er geen bon is."), "no_receipt_reason")
    receipt = _save_receipt(pot, receipt_file, by) if receipt_file is not None else None
    with ledger.money_operation(pot.id) as pot:  # the receipt's row is kept with the payout, or goes with it
        ledger.refuse_closed_year(pot, occurred_on)
        ledger.claim_submission(pot.id, submission)
        payout = PotPayout(pot_id=pot.id, state=PayoutState.WAITING.value, occasion=occasion.value,
                           amount_cents=amount_cents, occurred_on=occurred_on,
                           paid_from_id=paid_from_account(pot, paid_from, by).id, what=what, recipient=recipient,
                           receipt_id=receipt.id if receipt else None,
                           no_receipt_reason="" if receipt else no_receipt_reason, asked_by_id=by.id)
        db.session.add(payout)
        db.session.flush()
        if amount_cents <= pot.approval_threshold_cents:
            _book_payout(pot, payout, approved_by_id=None)
        else:
            _refuse_overdraft_now(payout)  # say it now rather than when the second person looks
    log.info("pot payout: pot %s payout %s state %s by %s", pot.id, payout.id, payout.state, by.id)
    return payout


def _save_receipt(pot: Pot, receipt_file, by: User):
    from community.images.services import save_uploaded_image

    return save_uploaded_image(receipt_file, owner_id=by.id, neighbourhood_id=pot.neighbourhood_id, private=True)


def _refuse_overdraft_now(payout: PotPayout) -> None:
    account = payout.paid_from
    if AccountKind(account.kind) != AccountKind.OWED and ledger.current_balance(account.id) < payout.amount_cents:
        raise NotEnoughMoney(_l("Er zit niet genoeg geld op deze plek: nog %(left)s.",
                                left=ledger._money(ledger.current_balance(account.id))), "amount")


def _book_payout(pot: Pot, payout: PotPayout, *, approved_by_id: int | None) -> None:
    transaction = ledger.book(
        pot, TransactionKind.PAYOUT.value, payout.occurred_on,
        [Leg(ledger.spending(pot.id, Occasion(payout.occasion)), payout.amount_cents),
         Leg(payout.paid_from, -payout.amount_cents)],
        booked_by_id=payout.asked_by_id, approved_by_id=approved_by_id, description=payout.what)
    payout.state = PayoutState.BOOKED.value
    payout.transaction_id = transaction.id


def approvers(pot: Pot, asked_by_id: int | None) -> list[User]:
    """Who may approve a payout above the threshold: the other gangmakers; with one gangmaker, the
    neighbourhood's coordinators. Never the one who asked."""
    others = [g.user for g in pot.gangmakers if g.user_id != asked_by_id]
    if others:
        return others
    return [user for user in db.session.scalars(
        select(User).join(Membership, Membership.user_id == User.id).where(
            Membership.neighbourhood_id == pot.neighbourhood_id, Membership.role == Role.COORDINATOR.value)
        .options(lazyload(User.memberships)).order_by(User.display_name)) if user.id != asked_by_id]


def approve_payout(payout: PotPayout, *, by: User) -> PotPayout:
    with ledger.money_operation(payout.pot_id) as pot:
        payout = _still_waiting(payout.id)
        payout.decided_by_id, payout.decided_at = by.id, utcnow()
        ledger.refuse_closed_year(pot, payout.occurred_on)
        _book_payout(pot, payout, approved_by_id=by.id)
    log.info("pot payout approved: pot %s payout %s by %s", pot.id, payout.id, by.id)
    return payout


def refuse_payout(payout: PotPayout, *, reason: str, by: User) -> PotPayout:
    reason = ledger.bounded_text(reason, REASON_MAX, "reason")
    if not reason:
        raise PotError(_l("Schrijf kort waarom, dan weet de gangmaker wat er anders moet."), "reason")
    with ledger.money_operation(payout.pot_id):
        payout = _still_waiting(payout.id)
        payout.state, payout.refusal_reason = PayoutState.REFUSED.value, reason
        payout.decided_by_id, payout.decided_at = by.id, utcnow()
    return payout


def _still_waiting(payout_id: int) -> PotPayout:
    payout = db.session.get(PotPayout, payout_id, populate_existing=True)
    if payout is None or payout.state != PayoutState.WAITING.value:
        raise AlreadyRecorded()
    return payout


def reimburse(pot: Pot, *, submission: str, gangmaker_id: int, amount_cents: int, paid_from: str, occurred_on: date,
              by: User) -> PotTransaction:
    """Pay back a gangmaker who paid out of pocket, from a tin or the bank: its own entry."""
    if paid_from not in ("tin", "bank"):
        raise PotError(_l("Kies waar het geld vandaan kwam."), "paid_from")
    with ledger.money_operation(pot.id) as pot:
        ledger.refuse_closed_year(pot, occurred_on)
        ledger.claim_submission(pot.id, submission)
        source = paid_from_account(pot, paid_from, by)
        transaction = ledger.book(pot, TransactionKind.REIMBURSEMENT.value, occurred_on,
                                  [Leg(ledger.owed_to(pot.id, gangmaker_id), amount_cents), Leg(source, -amount_cents)],
                                  booked_by_id=by.id)
    return transaction


# --- nominations ----------------------------------------------------------------------------------

def nominate(pot: Pot, *, text: str, by: User) -> PotNomination:
    text = ledger.bounded_text(text, NOMINATION_MAX, "text")
    if not text:
        raise PotError(_l("Schrijf kort wie en waarom, bijvoorbeeld: de buren op nr. 12 hebben een baby."), "text")
    nomination = PotNomination(pot_id=pot.id, nominated_by_id=by.id, text=text)
    db.session.add(nomination)
    mark_changed(pot.neighbourhood_id, NUMBERS)  # the gangmakers' home page counts open tips
    db.session.commit()
    return nomination


def answer_nomination(nomination: PotNomination, *, done: bool, answer: str, by: User) -> PotNomination:
    answer = ledger.bounded_text(answer, REASON_MAX, "answer")
    if not done and not answer:
        raise PotError(_l("Schrijf kort waarom niet nu: de buur die het meldde leest dit."), "answer")
    result = db.session.execute(update(PotNomination).where(
        PotNomination.id == nomination.id, PotNomination.state == NominationState.OPEN.value).values(
        state=(NominationState.DONE if done else NominationState.NOT_NOW).value, answer=answer,
        answered_by_id=by.id, answered_at=utcnow()))
    if result.rowcount != 1:
        db.session.rollback()
        raise AlreadyRecorded()
    mark_changed(db.session.get(Pot, nomination.pot_id).neighbourhood_id, NUMBERS)
    db.session.commit()
    return db.session.get(PotNomination, nomination.id, populate_existing=True)


def pot_in(neighbourhood_id: int, pot_id: int) -> Pot:
    """The neighbourhood's pot with its gangmakers (their names; their memberships only when asked for),
    or NotFound: a pot of another neighbourhood is as unknown as one that never was."""
    pot = db.session.scalar(select(Pot).where(Pot.id == pot_id, Pot.neighbourhood_id == neighbourhood_id).options(
        selectinload(Pot.gangmakers).joinedload(PotGangmaker.user).lazyload(User.memberships)))
    if pot is None:
        raise NotFound()
    return pot


def in_pot(model, row_id: int, pot: Pot):
    """A row of this pot, or NotFound (an id of another pot is as unknown as one that never was)."""
    row = db.session.get(model, row_id)
    if row is None or row.pot_id != pot.id:
        raise NotFound()
    return row


def nominations_by(pot_id: int, user_id: int) -> list[PotNomination]:
    """A neighbour's own tips and the answers they got."""
    return list(db.session.scalars(select(PotNomination).where(
        PotNomination.pot_id == pot_id, PotNomination.nominated_by_id == user_id)
        .order_by(PotNomination.created_at.desc()).limit(20)))


def fresh(row):
    """The row as the database has it now (after another request changed it)."""
    return db.session.get(type(row), row.id, populate_existing=True)
