-- Mass outage: a report that describes an ongoing incident is a related report of it (related_to), answered
-- with one reply in its thread instead of a card; what the incident's cell says later reaches every related
-- reporter through the reporter_notice outbox, one row per thread holding the latest news.

-- The incident this report is related to; NULL for a ticket of its own.
ALTER TABLE ticket ADD COLUMN related_to BIGINT REFERENCES ticket (id);
-- When intake decided whether the report is related to an incident; NULL until the first answer is posted.
ALTER TABLE ticket ADD COLUMN grouped_at BIGINT;
-- The reply that told the reporter which incident it looks like.
ALTER TABLE ticket ADD COLUMN related_reply_ts TEXT;

-- Tickets already there were all decided: they are tickets of their own.
UPDATE ticket SET grouped_at = created_at;

CREATE INDEX ticket_related ON ticket (related_to) WHERE related_to IS NOT NULL;
CREATE INDEX ticket_ungrouped ON ticket (id) WHERE grouped_at IS NULL;
CREATE INDEX ticket_recent ON ticket (workspace, created_at);

CREATE TABLE reporter_notice (
    ticket_id      BIGINT  NOT NULL PRIMARY KEY REFERENCES ticket (id),
    incident_id    BIGINT  NOT NULL REFERENCES ticket (id),
    channel        TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    known          TEXT,
    doing          TEXT,
    next_at        BIGINT,
    version        INTEGER NOT NULL,
    posted_version INTEGER NOT NULL DEFAULT 0,
    -- When the news is to be posted (or tried again); NULL once the latest version is posted.
    due_at         BIGINT,
    -- A worker posting it holds it until then, for the version it claimed; a retry wait is due_at's alone.
    leased_until   BIGINT,
    leased_version INTEGER,
    attempts       INTEGER NOT NULL DEFAULT 0,
    queued_at      BIGINT  NOT NULL,
    posted_at      BIGINT,
    last_error     TEXT
);

CREATE INDEX reporter_notice_due ON reporter_notice (due_at) WHERE due_at IS NOT NULL;

-- A cluster of unqualified reports proposed to the leads as a probable P1, once per incident.
CREATE TABLE probable_p1 (
    incident_id  BIGINT NOT NULL PRIMARY KEY REFERENCES ticket (id),
    reports      INTEGER NOT NULL,
    proposed_at  BIGINT NOT NULL
);
