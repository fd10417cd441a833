"""Dated places that people book: the one engine the agenda and volunteering both use.

A *series* (an activity, a task) plans its dates with a recurrence in Amsterdam wall time; each
date is a *slot* with a number of places; a *booking* is one person on one slot (confirmed,
waiting, or offering help); a *standing booking* books a person on every coming slot of a series,
also on slots made later. What a feature adds (rooms, requests for a hand, the emails it sends)
it tells the engine through a `BookingRules` object it registers (community.bookings.rules)."""
