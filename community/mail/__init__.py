"""Email through an outbox: a message is a row written in the transaction that caused it, and it
is sent after that transaction commits, by whoever claims the row first."""
