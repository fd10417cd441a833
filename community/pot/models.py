"""A street's lief-en-leedpot and its books.

The books are double-entry: every movement of money is a `PotTransaction` whose legs
(`PotEntry`, integer cents, debit positive and credit negative) sum to zero over the pot's
accounts (`PotAccount`: each cash holder's tin, the bank account, vouchers; income by source;
spending by kind; what the pot owes a gangmaker who paid out of pocket; cash differences).

The database keeps the books honest by itself (see community/pot/ledger_sql.py): a transaction
is written after its legs and refused unless they balance; legs cannot be added to a sealed
transaction; entries are never updated or deleted (a reversing transaction corrects a mistake);
every account's balance follows its legs, and a tin, the bank or the vouchers never go below zero.

Who the money was for, what was bought and the receipt are in `PotPayout`, which only the pot's
gangmakers and the neighbourhood's coordinators read; the ledger itself holds amounts, kinds,
months and who booked or approved.
"""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import User
from community.db import TimestampMixin, utcnow
from community.extensions import db
from community.images.models import Image

POT_NAME_MAX = 100
STREETS_MAX = 300
IBAN_MAX = 34
ACCOUNT_HOLDER_MAX = 70       # the EPC QR code's limit for the beneficiary's name
DESCRIPTION_MAX = 200          # what was bought; why a correction
RECIPIENT_MAX = 200            # for whom (private)
REASON_MAX = 300               # why not now, why refused, why reversed
NOMINATION_MAX = 500
GIVER_NAME_MAX = 100
SUBMISSION_KEY_MAX = 32        # a form's one-time key: 32 hex characters
TRANSACTION_KEY_MAX = 32
# A gift or a payout of more than € 999,99 is no street pot's (and most often 1250 typed for 12,50).
MAX_ENTRY_CENTS = 99_999
MAX_BALANCE_CENTS = 1_000_000  # what a tin can be counted at or handed over in one go
DEFAULT_THRESHOLD_CENTS = 2500


class AccountKind(StrEnum):
    TIN = "tin"            # cash held by one gangmaker
    BANK = "bank"
    VOUCHERS = "vouchers"  # shop vouchers not yet spent
    INCOME = "income"
    SPENDING = "spending"
    OWED = "owed"          # the pot owes a gangmaker who paid out of pocket
    DIFFERENCE = "difference"  # cash counted more or less than the books said


# Money the pot has; never below zero.
HOLDINGS = (AccountKind.TIN, AccountKind.BANK, AccountKind.VOUCHERS)


class Source(StrEnum):
    GRANT = "grant"
    COLLECTION = "collection"
    NEIGHBOUR = "neighbour"
    VOUCHER = "voucher"
    OTHER = "other"


SOURCE_LABELS = {
    Source.GRANT: _l("Bijdrage gemeente"),
    Source.COLLECTION: _l("Inzameling"),
    Source.NEIGHBOUR: _l("Gift van een buur"),
    Source.VOUCHER: _l("Tegoedbon van een winkel"),
    Source.OTHER: _l("Overig"),
}


class Occasion(StrEnum):
    WELCOME = "welcome"
    GET_WELL = "get_well"
    BIRTH = "birth"
    MOURNING = "mourning"
    ANNIVERSARY = "anniversary"
    ACTIVITY = "activity"
    OTHER = "other"


OCCASION_LABELS = {
    Occasion.WELCOME: _l("Welkom"),
    Occasion.GET_WELL: _l("Beterschap"),
    Occasion.BIRTH: _l("Geboorte"),
    Occasion.MOURNING: _l("Rouw"),
    Occasion.ANNIVERSARY: _l("Jubileum"),
    Occasion.ACTIVITY: _l("Activiteit"),
    Occasion.OTHER: _l("Overig"),
}


class TransactionKind(StrEnum):
    GIFT = "gift"
    PAYOUT = "payout"
    REIMBURSEMENT = "reimbursement"
    HANDOVER = "handover"
    CORRECTION = "correction"
    REVERSAL = "reversal"


class Pot(TimestampMixin, db.Model):
    __tablename__ = "pot"
    __table_args__ = (
        CheckConstraint("approval_threshold_cents >= 0 AND approval_threshold_cents <= 1000000",
                        name="threshold_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # A pot and its books outlive nothing: a neighbourhood with a pot cannot be deleted.
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(POT_NAME_MAX))
    streets: Mapped[str] = mapped_column(String(STREETS_MAX), default="")
    iban: Mapped[str] = mapped_column(String(IBAN_MAX), default="")  # compact: NL91ABNA0417164300
    account_holder: Mapped[str] = mapped_column(String(ACCOUNT_HOLDER_MAX), default="")
    approval_threshold_cents: Mapped[int] = mapped_column(default=DEFAULT_THRESHOLD_CENTS)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    gangmakers: Mapped[list[PotGangmaker]] = relationship(back_populates="pot", cascade="all, delete-orphan",
                                                          order_by="PotGangmaker.id")

    def gangmaker_ids(self) -> set[int]:
        return {g.user_id for g in self.gangmakers}


class PotGangmaker(db.Model):
    """A street volunteer who runs the pot and holds its cash tin."""

    __tablename__ = "pot_gangmaker"
    __table_args__ = (UniqueConstraint("pot_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pot_id: Mapped[int] = mapped_column(ForeignKey("pot.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    pot: Mapped[Pot] = relationship(back_populates="gangmakers")
    user: Mapped[User] = relationship(lazy="joined")


class PotAccount(db.Model):
    __tablename__ = "pot_account"
    __table_args__ = (
        UniqueConstraint("pot_id", "code"),
        CheckConstraint("kind IN ('tin', 'bank', 'vouchers', 'income', 'spending', 'owed', 'difference')",
                        name="known_kind"),
        # The database's own guard: a tin, the bank or the vouchers never go below zero, and the pot
        # never pays a gangmaker back more than it owes them (debit positive, credit negative).
        CheckConstraint("kind NOT IN ('tin', 'bank', 'vouchers') OR balance_cents >= 0", name="holdings_not_negative"),
        CheckConstraint("kind <> 'owed' OR balance_cents <= 0", name="owed_not_overpaid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pot_id: Mapped[int] = mapped_column(ForeignKey("pot.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(40))  # 'bank', 'tin:<user id>', 'income:grant', 'spending:welcome'
    holder_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # Kept by the database (a trigger adds every leg as it is written); never set by the app.
    balance_cents: Mapped[int] = mapped_column(BigInteger, default=0)

    holder: Mapped[User | None] = relationship(lazy="joined")


class PotTransaction(db.Model):
    """One movement of money. Written after its legs, in the same database transaction, and
    refused by the database unless the legs balance (ledger_sql.py). Never updated or deleted."""

    __tablename__ = "pot_transaction"
    __table_args__ = (
        CheckConstraint("kind IN ('gift', 'payout', 'reimbursement', 'handover', 'correction', 'reversal')",
                        name="known_kind"),
        Index("ix_pot_transaction_pot_occurred", "pot_id", "occurred_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pot_id: Mapped[int] = mapped_column(ForeignKey("pot.id", ondelete="RESTRICT"))
    key: Mapped[str] = mapped_column(String(TRANSACTION_KEY_MAX), unique=True)  # joins the legs
    kind: Mapped[str] = mapped_column(String(20))
    occurred_on: Mapped[date]
    booked_at: Mapped[datetime] = mapped_column(default=utcnow)
    booked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    description: Mapped[str] = mapped_column(String(DESCRIPTION_MAX), default="")
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("pot_transaction.id", ondelete="RESTRICT"),
                                                    unique=True)

    entries: Mapped[list[PotEntry]] = relationship(
        primaryjoin="PotTransaction.key == foreign(PotEntry.transaction_key)", viewonly=True, order_by="PotEntry.id")
    booked_by: Mapped[User | None] = relationship(foreign_keys=[booked_by_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])


class PotEntry(db.Model):
    """One leg of a transaction on one account (debit positive, credit negative)."""

    __tablename__ = "pot_entry"
    __table_args__ = (CheckConstraint("amount_cents <> 0", name="not_zero"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Deferred: the legs are written first and their transaction last; a leg whose transaction was
    # never written fails the commit.
    transaction_key: Mapped[str] = mapped_column(
        String(TRANSACTION_KEY_MAX),
        ForeignKey("pot_transaction.key", ondelete="RESTRICT", deferrable=True, initially="DEFERRED"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("pot_account.id", ondelete="RESTRICT"), index=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger)

    account: Mapped[PotAccount] = relationship(lazy="joined")


class PotSubmission(db.Model):
    """The one-time key every money form carries: a second submission of the same form (a double
    tap, a retry after a timeout, the back button) finds its key taken and records nothing."""

    __tablename__ = "pot_submission"

    pot_id: Mapped[int] = mapped_column(ForeignKey("pot.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(SUBMISSION_KEY_MAX), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PayoutState(StrEnum):
    WAITING = "waiting"     # above the threshold: a second person approves before it counts
    BOOKED = "booked"
    REFUSED = "refused"


class PotPayout(db.Model):
    """A payout with what only the gangmakers may read: for whom, what, the receipt."""

    __tablename__ = "pot_payout"
    __table_args__ = (
        CheckConstraint("amount_cents > 0 AND amount_cents <= 99999", name="amount_range"),
        CheckConstraint("state IN ('waiting', 'booked', 'refused')", name="known_state"),
        Index("ix_pot_payout_pot_state", "pot_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pot_id: Mapped[int] = mapped_column(ForeignKey("pot.id", ondelete="RESTRICT"))
    state: Mapped[str] = mapped_column(String(20))
    occasion: Mapped[str] = mapped_column(String(20))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    occurred_on: Mapped[date]
    paid_from_id: Mapped[int] = mapped_column(ForeignKey("pot_account.id", ondelete="RESTRICT"))
    what: Mapped[str] = mapped_column(String(DESCRIPTION_MAX))
    recipient: Mapped[str] = mapped_column(String(RECIPIENT_MAX), default="")
    receipt_id: Mapped[int | None] = mapped_column(ForeignKey("image.id", ondelete="SET NULL"))
    no_receipt_reason: Mapped[str] = mapped_column(String(REASON_MAX), default="")
    asked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    asked_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    refusal_reason: Mapped[str] = mapped_column(String(REASON_MAX), default="")
    transaction_id: Mapped[int | None] = mapped_column(ForeignKey("pot_transaction.id", ondelete="RESTRICT"),
                                                       unique=True)

    paid_from: Mapped[PotAccount] = relationship(lazy="joined")
    receipt: Mapped[Image | None] = relationship()
    asked_by: Mapped[User | None] = relationship(foreign_keys=[asked_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])


class PotGift(db.Model):
    """Who gave, when they agreed to be named; else the page says 'een buur'."""

    __tablename__ = "pot_gift"

    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("pot_transaction.id", ondelete="RESTRICT"), unique=True)
    giver_name: Mapped[str] = mapped_column(String(GIVER_NAME_MAX), default="")
    may_show_name: Mapped[bool] = mapped_column(default=False)


class HandoverState(StrEnum):
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


class PotHandover(db.Model):
    """Money handed from one holder to another (or to and from the bank): it moves in the books
    once the other side confirms it."""

    __tablename__ = "pot_handover"
    __table_args__ = (
        CheckConstraint("amount_cents > 0 AND amount_cents <= 1000000", name="amount_range"),
        CheckConstraint("state IN ('proposed', 'confirmed', 'cancelled')", name="known_state"),
        CheckConstraint("from_account_id <> to_account_id", name="two_accounts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pot_id: Mapped[int] = mapped_column(ForeignKey("pot.id", ondelete="RESTRICT"), index=True)
    state: Mapped[str] = mapped_column(String(20), default=HandoverState.PROPOSED.value)
    from_account_id: Mapped[int] = mapped_column(ForeignKey("pot_account.id", ondelete="RESTRICT"))
    to_account_id: Mapped[int] = mapped_column(ForeignKey("pot_account.id", ondelete="RESTRICT"))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    occurred_on: Mapped[date]
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    proposed_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    transaction_id: Mapped[int | None] = mapped_column(ForeignKey("pot_transaction.id", ondelete="RESTRICT"),
                                                       unique=True)

    from_account: Mapped[PotAccount] = relationship(foreign_keys=[from_account_id], lazy="joined")
    to_account: Mapped[PotAccount] = relationship(foreign_keys=[to_account_id], lazy="joined")
    proposed_by: Mapped[User | None] = relationship(foreign_keys=[proposed_by_id])


class PotCashCount(db.Model):
    """A kasopname: the tin counted; a difference with the books was booked as a correction, which
    a second person acknowledges."""

    __tablename__ = "pot_cash_count"
    __table_args__ = (CheckConstraint("counted_cents >= 0 AND counted_cents <= 1000000", name="counted_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pot_id: Mapped[int] = mapped_column(ForeignKey("pot.id", ondelete="RESTRICT"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("pot_account.id", ondelete="RESTRICT"))
    counted_cents: Mapped[int] = mapped_column(BigInteger)
    book_cents: Mapped[int] = mapped_column(BigInteger)
    note: Mapped[str] = mapped_column(String(DESCRIPTION_MAX), default="")
    counted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    counted_at: Mapped[datetime] = mapped_column(default=utcnow)
    correction_id: Mapped[int | None] = mapped_column(ForeignKey("pot_transaction.id", ondelete="RESTRICT"),
                                                      unique=True)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    acknowledged_at: Mapped[datetime | None]

    account: Mapped[PotAccount] = relationship(lazy="joined")
    counted_by: Mapped[User | None] = relationship(foreign_keys=[counted_by_id])
    acknowledged_by: Mapped[User | None] = relationship(foreign_keys=[acknowledged_by_id])

    @property
    def difference_cents(self) -> int:
        return self.counted_cents - self.book_cents


class NominationState(StrEnum):
    OPEN = "open"
    DONE = "done"
    NOT_NOW = "not_now"


class PotNomination(db.Model):
    """A neighbour's tip ('Ayşe op nr. 12 heeft een baby gekregen'): read only by the pot's
    gangmakers (and the coordinators); the nominator reads the answer."""

    __tablename__ = "pot_nomination"
    __table_args__ = (
        CheckConstraint("state IN ('open', 'done', 'not_now')", name="known_state"),
        Index("ix_pot_nomination_pot_state", "pot_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pot_id: Mapped[int] = mapped_column(ForeignKey("pot.id", ondelete="CASCADE"))
    nominated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    text: Mapped[str] = mapped_column(String(NOMINATION_MAX))
    state: Mapped[str] = mapped_column(String(20), default=NominationState.OPEN.value)
    answer: Mapped[str] = mapped_column(String(REASON_MAX), default="")
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    answered_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    nominated_by: Mapped[User | None] = relationship(foreign_keys=[nominated_by_id])


class PotYearClose(db.Model):
    """A year closed: no entry dated in it or before can be booked any more; its balance carries over."""

    __tablename__ = "pot_year_close"
    __table_args__ = (UniqueConstraint("pot_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pot_id: Mapped[int] = mapped_column(ForeignKey("pot.id", ondelete="RESTRICT"))
    year: Mapped[int]
    closing_balance_cents: Mapped[int] = mapped_column(BigInteger)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime] = mapped_column(default=utcnow)

    closed_by: Mapped[User | None] = relationship()


from community.pot.ledger_sql import install_triggers  # noqa: E402 - after the tables it guards

install_triggers(db.metadata)
