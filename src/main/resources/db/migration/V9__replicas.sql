-- Several replicas on one database: a claim on shared work is signed with the replica that holds it, so that a
-- replica starting again takes back what its own last run left, and never another's live claim (a claim nobody
-- renews expires and any replica takes it over).

-- The replica posting a ticket's card (or related reply) until card_due_at; NULL for a retry wait.
ALTER TABLE ticket ADD COLUMN card_owner TEXT;
-- The replica posting a related reporter's news until leased_until.
ALTER TABLE reporter_notice ADD COLUMN leased_by TEXT;
-- The replica posting a reminder while its status is 'posting'.
ALTER TABLE sla_reminder ADD COLUMN claimed_by TEXT;

CREATE INDEX ticket_card_owner ON ticket (card_owner) WHERE card_owner IS NOT NULL;

-- Each replica's heartbeat: a claim whose replica has stopped beating is taken over without waiting for its lease
-- to run out, as db-scheduler does with the executions of a dead scheduler.
CREATE TABLE replica (
    name       TEXT   NOT NULL PRIMARY KEY,
    started_at BIGINT NOT NULL,
    seen_at    BIGINT NOT NULL
);
