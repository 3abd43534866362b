-- Work done by one replica at a time, which no frozen replica may keep from the others.
--
-- A turn a replica waits for (grouping reports, one ticket's SLA clocks) is a row locked by the transaction the work
-- runs in: the server hands it to the next waiter when the work commits, and kills the session of a holder idle in
-- its transaction (idle_in_transaction_session_timeout), rolling back whatever a frozen holder wrote.
--
-- A turn taken only if free (opening crisis cells, the operations calendar) involves Slack calls, so it is a lease:
-- holder and lease_until (the database's clock, epoch milliseconds), renewed while the work runs; a holder that stops
-- renewing loses it when the lease runs out. Each taking counts token up: a result is recorded only under the token
-- its holder took, checked in the transaction that records it, so a holder that wakes up after losing its lease
-- writes nothing.
CREATE TABLE turn (
    name        TEXT    NOT NULL PRIMARY KEY,
    holder      TEXT,
    token       BIGINT  NOT NULL DEFAULT 0,
    lease_until BIGINT  NOT NULL DEFAULT 0
);

-- Each claim of a reminder's post counts up, so that the post is recorded only by the claim that made it: a replica
-- that lost its claim while frozen does not record over the one that took it over.
ALTER TABLE sla_reminder ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;

-- The message that carried the news last recorded: a copy another replica posted after losing its claim is deleted,
-- and only when the holder's own is recorded.
ALTER TABLE reporter_notice ADD COLUMN posted_ts TEXT;

-- When the cell was last asked for a status update: the ask is claimed here before it is posted, so that a status
-- check run twice (an execution revived on another replica while its own still ran) asks once.
ALTER TABLE crisis_cell ADD COLUMN status_asked_at BIGINT;
