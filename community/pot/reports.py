"""What a pot's books say, computed in SQL from the legs: balances, a year per month and kind,
the year report, and the exports (CSV with a running balance, a plain-text accounting journal).

A public figure never names a recipient and never says more than the month: a reversed
transaction and its reversal are left out of the counts (they cancel out in the balances)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, extract, func, select
from sqlalchemy.orm import aliased

from community.extensions import db
from community.pot.models import (HOLDINGS, AccountKind, Occasion, PayoutState, Pot, PotAccount, PotEntry, PotGift,
                                  PotPayout, PotTransaction, PotYearClose, Source, TransactionKind)

MONEY_KINDS = [*(kind.value for kind in HOLDINGS), AccountKind.OWED.value]  # what the pot has, less what it owes


def _counted():
    """Transactions that count in the figures: not a reversal, and not reversed."""
    reversal = aliased(PotTransaction)
    return and_(PotTransaction.kind != TransactionKind.REVERSAL.value,
                ~select(reversal.id).where(reversal.reverses_id == PotTransaction.id).exists())


def _in_year(year: int):
    return and_(PotTransaction.occurred_on >= date(year, 1, 1), PotTransaction.occurred_on < date(year + 1, 1, 1))


def balance_at_end_of(pot_id: int, year: int) -> int:
    return _money_before(pot_id, date(year + 1, 1, 1))


def _money_before(pot_id: int, day: date) -> int:
    """The pot's money over every transaction dated before `day` (reversals included: they cancel)."""
    return db.session.scalar(
        select(func.coalesce(func.sum(PotEntry.amount_cents), 0))
        .join(PotTransaction, PotTransaction.key == PotEntry.transaction_key)
        .join(PotAccount, PotAccount.id == PotEntry.account_id)
        .where(PotTransaction.pot_id == pot_id, PotTransaction.occurred_on < day,
               PotAccount.kind.in_(MONEY_KINDS))) or 0


def balances_of(pot_ids: list[int]) -> dict[int, int]:
    """The money each pot has now, from the balances the database keeps, in one query."""
    if not pot_ids:
        return {}
    rows = db.session.execute(
        select(PotAccount.pot_id, func.coalesce(func.sum(PotAccount.balance_cents), 0))
        .where(PotAccount.pot_id.in_(pot_ids), PotAccount.kind.in_(MONEY_KINDS)).group_by(PotAccount.pot_id))
    found = dict(rows.all())
    return {pot_id: found.get(pot_id, 0) for pot_id in pot_ids}


@dataclass
class Line:
    """A kind of income or spending in a period: how many times and how much."""

    code: str          # an Occasion or Source value
    count: int = 0
    cents: int = 0


@dataclass
class Month:
    month: int
    income: list[Line] = field(default_factory=list)
    spending: list[Line] = field(default_factory=list)
    difference_cents: int = 0  # cash counted more (+) or less (-) than the books said

    @property
    def income_cents(self) -> int:
        return sum(line.cents for line in self.income)

    @property
    def spending_cents(self) -> int:
        return sum(line.cents for line in self.spending)

    @property
    def is_empty(self) -> bool:
        return not self.income and not self.spending and not self.difference_cents


@dataclass
class Year:
    year: int
    opening_cents: int
    closing_cents: int
    months: list[Month]
    income: list[Line]
    spending: list[Line]
    difference_cents: int
    is_closed: bool

    @property
    def income_cents(self) -> int:
        return sum(line.cents for line in self.income)

    @property
    def spending_cents(self) -> int:
        return sum(line.cents for line in self.spending)

    @property
    def largest_month_cents(self) -> int:
        return max([1, *(max(m.income_cents, m.spending_cents) for m in self.months)])


def year_summary(pot_id: int, year: int) -> Year:
    """The year per month and per kind, from the legs on income, spending and difference accounts."""
    month = extract("month", PotTransaction.occurred_on).label("month")
    rows = db.session.execute(
        select(month, PotAccount.kind, PotAccount.code, func.count(func.distinct(PotTransaction.id)),
               func.sum(PotEntry.amount_cents))
        .join(PotTransaction, PotTransaction.key == PotEntry.transaction_key)
        .join(PotAccount, PotAccount.id == PotEntry.account_id)
        .where(PotTransaction.pot_id == pot_id, _in_year(year), _counted(),
               PotAccount.kind.in_([AccountKind.INCOME.value, AccountKind.SPENDING.value,
                                    AccountKind.DIFFERENCE.value]))
        .group_by(month, PotAccount.kind, PotAccount.code)).all()
    months = {number: Month(number) for number in range(1, 13)}
    for number, kind, code, count, cents in rows:
        target = months[int(number)]
        if kind == AccountKind.INCOME.value:
            target.income.append(Line(code.split(":", 1)[1], count, -cents))
        elif kind == AccountKind.SPENDING.value:
            target.spending.append(Line(code.split(":", 1)[1], count, cents))
        else:
            target.difference_cents += -cents  # the difference account is the tin's other side
    for item in months.values():
        item.income.sort(key=lambda line: list(Source).index(Source(line.code)))
        item.spending.sort(key=lambda line: list(Occasion).index(Occasion(line.code)))
    closed = db.session.scalar(select(PotYearClose.id).where(PotYearClose.pot_id == pot_id, PotYearClose.year == year))
    return Year(year=year, opening_cents=_money_before(pot_id, date(year, 1, 1)),
                closing_cents=balance_at_end_of(pot_id, year), months=list(months.values()),
                income=_totals(m.income for m in months.values()), spending=_totals(m.spending for m in months.values()),
                difference_cents=sum(m.difference_cents for m in months.values()), is_closed=closed is not None)


def _totals(groups) -> list[Line]:
    merged: dict[str, Line] = {}
    for lines in groups:
        for line in lines:
            total = merged.setdefault(line.code, Line(line.code))
            total.count += line.count
            total.cents += line.cents
    return list(merged.values())


def years_with_entries(pot_id: int, this_year: int) -> list[int]:
    first = db.session.scalar(select(func.min(PotTransaction.occurred_on)).where(PotTransaction.pot_id == pot_id))
    start = first.year if first else this_year
    return list(range(this_year, start - 1, -1))


@dataclass
class Thanks:
    month: int
    names: list[str]
    unnamed: int


def givers(pot_id: int, year: int) -> list[Thanks]:
    """Who gave, per month: a name only when the giver agreed to it; the others count as neighbours."""
    month = extract("month", PotTransaction.occurred_on).label("month")
    rows = db.session.execute(
        select(month, PotGift.giver_name, PotGift.may_show_name)
        .join(PotTransaction, PotTransaction.id == PotGift.transaction_id)
        .where(PotTransaction.pot_id == pot_id, _in_year(year), _counted())
        .order_by(month, PotTransaction.id)).all()
    by_month: dict[int, Thanks] = {}
    for number, name, may_show in rows:
        thanks = by_month.setdefault(int(number), Thanks(int(number), [], 0))
        if may_show and name:
            thanks.names.append(name)
        else:
            thanks.unnamed += 1
    return list(by_month.values())


@dataclass
class Approval:
    occurred_on: date
    occasion: str
    amount_cents: int
    asked_by: str
    approved_by: str


def approvals(pot_id: int, year: int) -> list[Approval]:
    """Payouts above the threshold that a second person approved: who asked and who approved, never for whom."""
    rows = db.session.scalars(
        select(PotPayout).join(PotTransaction, PotTransaction.id == PotPayout.transaction_id)
        .where(PotPayout.pot_id == pot_id, PotPayout.state == PayoutState.BOOKED.value,
               PotTransaction.approved_by_id.is_not(None), _in_year(year))
        .order_by(PotPayout.occurred_on, PotPayout.id))
    return [Approval(p.occurred_on, p.occasion, p.amount_cents, _name(p.asked_by), _name(p.decided_by)) for p in rows]


def _name(user) -> str:
    return user.display_name if user is not None else ""


def holdings(pot: Pot) -> list[PotAccount]:
    """Where the money is now (each tin, the bank, vouchers) and what is owed to gangmakers."""
    from community.pot.books import _holder_named

    return list(db.session.scalars(
        select(PotAccount).where(PotAccount.pot_id == pot.id, PotAccount.kind.in_(MONEY_KINDS),
                                 (PotAccount.kind != AccountKind.OWED.value) | (PotAccount.balance_cents != 0))
        .options(_holder_named()).order_by(PotAccount.kind, PotAccount.id)))
