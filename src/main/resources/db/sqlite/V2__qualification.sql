-- Qualification: the answers of each dialog, claimed vs qualified priority, and the time a ticket
-- waits on its reporter (the SLA clock pauses on it).

ALTER TABLE ticket ADD COLUMN claimed_priority TEXT;
ALTER TABLE ticket ADD COLUMN qualified_priority TEXT;
ALTER TABLE ticket ADD COLUMN priority_confirmed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket ADD COLUMN priority_reason TEXT;
ALTER TABLE ticket ADD COLUMN qualification_revision INTEGER NOT NULL DEFAULT 0;

CREATE TABLE qualification (
    id                 INTEGER PRIMARY KEY,
    ticket_id          BIGINT  NOT NULL REFERENCES ticket (id),
    revision           INTEGER NOT NULL,
    submission_id      TEXT,
    submitted_by       TEXT    NOT NULL,
    submitted_at       BIGINT  NOT NULL,
    steps              TEXT,
    location           TEXT,
    error_message      TEXT,
    screenshots        TEXT    NOT NULL,
    environment        TEXT,
    reach              TEXT    NOT NULL,
    impact             TEXT    NOT NULL,
    reproducibility    TEXT    NOT NULL,
    workaround         TEXT,
    claimed_priority   TEXT,
    qualified_priority TEXT    NOT NULL,
    reason             TEXT    NOT NULL,
    CONSTRAINT qualification_revision_unique UNIQUE (ticket_id, revision),
    CONSTRAINT qualification_submission_unique UNIQUE (submission_id)
);

CREATE TABLE ticket_wait (
    id         INTEGER PRIMARY KEY,
    ticket_id  BIGINT NOT NULL REFERENCES ticket (id),
    reason     TEXT   NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at   BIGINT
);

CREATE INDEX ticket_wait_by_ticket ON ticket_wait (ticket_id, started_at);
