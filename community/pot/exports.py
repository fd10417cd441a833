"""The books for an accountant: CSV with a running balance, and a plain-text journal in the
format hledger and ledger read, so they can check the double entry with their own tool."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community.extensions import db
from community.pot.models import AccountKind, Occasion, Pot, PotAccount, PotTransaction, Source, TransactionKind
from community.pot.reports import MONEY_KINDS, _money_before

JOURNAL_ROOTS = {
    AccountKind.TIN: ("bezittingen:kas", "C"), AccountKind.BANK: ("bezittingen:bank", "C"),
    AccountKind.VOUCHERS: ("bezittingen:tegoedbonnen", "A"), AccountKind.OWED: ("schulden:voorgeschoten", "L"),
    AccountKind.INCOME: ("opbrengsten", "R"), AccountKind.SPENDING: ("kosten", "X"),
    AccountKind.DIFFERENCE: ("kosten:kasverschil", "X"),
}


@dataclass
class Booked:
    transaction: PotTransaction
    change_cents: int   # what it did to the pot's money
    balance_cents: int  # the pot's money after it


def booked_between(pot: Pot, first: date, last: date) -> tuple[int, list[Booked]]:
    """The opening balance on `first` and every transaction dated from `first` to `last`, in order,
    each with the running balance of the pot's money."""
    opening = _money_before(pot.id, first)
    transactions = db.session.scalars(
        select(PotTransaction).where(PotTransaction.pot_id == pot.id, PotTransaction.occurred_on >= first,
                                     PotTransaction.occurred_on <= last)
        .options(selectinload(PotTransaction.entries)).order_by(PotTransaction.occurred_on, PotTransaction.id))
    balance, rows = opening, []
    for transaction in transactions:
        change = sum(entry.amount_cents for entry in transaction.entries if entry.account.kind in MONEY_KINDS)
        balance += change
        rows.append(Booked(transaction, change, balance))
    return opening, rows


def account_name(account: PotAccount) -> str:
    """bezittingen:kas:Henk de Vries, opbrengsten:gemeente, kosten:welkom … (no ':' or ';' inside a part)."""
    root, _type = JOURNAL_ROOTS[AccountKind(account.kind)]
    if account.kind in (AccountKind.TIN.value, AccountKind.OWED.value):
        holder = account.holder.display_name if account.holder is not None else _("voormalig buurtbewoner")
        return f"{root}:{_journal_word(holder)} ({account.id})"
    if account.kind in (AccountKind.INCOME.value, AccountKind.SPENDING.value):
        return f"{root}:{_journal_word(code_label(account.code).lower())}"
    return root


def code_label(code: str) -> str:
    from community.pot.models import OCCASION_LABELS, SOURCE_LABELS

    kind, value = code.split(":", 1)
    return str(SOURCE_LABELS[Source(value)] if kind == "income" else OCCASION_LABELS[Occasion(value)])


def _journal_word(text: str) -> str:
    """hledger ends an account name at two spaces and reads ':' as a sub-account and ';' as a comment."""
    return re.sub(r"\s+", " ", re.sub(r"[:;]", " ", text)).strip() or "?"


def _euros(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"


def kind_label(transaction: PotTransaction) -> str:
    labels = {TransactionKind.GIFT: _("Gift"), TransactionKind.PAYOUT: _("Uitgave"),
              TransactionKind.REIMBURSEMENT: _("Terugbetaling voorschot"), TransactionKind.HANDOVER: _("Overdracht"),
              TransactionKind.CORRECTION: _("Kasverschil"), TransactionKind.REVERSAL: _("Teruggedraaid")}
    return str(labels[TransactionKind(transaction.kind)])


def journal(pot: Pot, first: date, last: date) -> str:
    opening, rows = booked_between(pot, first, last)
    accounts = db.session.scalars(select(PotAccount).where(PotAccount.pot_id == pot.id).order_by(PotAccount.id))
    lines = [f"; {_journal_word(pot.name)}: {first.isoformat()} - {last.isoformat()}",
             f"; {_('Beginsaldo')}: {_euros(opening)} EUR", "decimal-mark .", "commodity 1000.00 EUR", ""]
    lines += [f"account {account_name(account)}  ; type: {JOURNAL_ROOTS[AccountKind(account.kind)][1]}"
              for account in accounts]
    for row in rows:
        transaction = row.transaction
        lines += ["", f"{transaction.occurred_on.isoformat()} * {_journal_word(kind_label(transaction))}"
                  f"  ; {_('nummer')}:{transaction.id}"]
        if transaction.reverses_id:
            lines.append(f"    ; {_('draait terug')}:{transaction.reverses_id}")
        lines += [f"    {account_name(entry.account)}  {_euros(entry.amount_cents)} EUR" for entry in transaction.entries]
    return "\n".join(lines) + "\n"


def csv_text(pot: Pot, first: date, last: date) -> str:
    opening, rows = booked_between(pot, first, last)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("datum"), _("nummer"), _("soort"), _("omschrijving"), _("rekeningen"), _("bij"), _("af"),
                     _("saldo"), _("draait terug")])
    writer.writerow([first.isoformat(), "", _("Beginsaldo"), "", "", "", "", _euros(opening), ""])
    for row in rows:
        transaction = row.transaction
        legs = "; ".join(f"{account_name(e.account)} {_euros(e.amount_cents)}" for e in transaction.entries)
        writer.writerow([transaction.occurred_on.isoformat(), transaction.id, kind_label(transaction),
                         _spreadsheet_safe(transaction.description), legs,
                         _euros(row.change_cents) if row.change_cents > 0 else "",
                         _euros(-row.change_cents) if row.change_cents < 0 else "", _euros(row.balance_cents),
                         transaction.reverses_id or ""])
    return out.getvalue()


def _spreadsheet_safe(text: str) -> str:
    """A typed text that starts like a formula is shown as text by spreadsheets, never run."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
