-- Leads: downgrade proposals the reporter accepts or refuses (at most one open per ticket), and the
-- index the queues are read by.

CREATE TABLE downgrade_proposal (
    id            INTEGER PRIMARY KEY,
    ticket_id     BIGINT NOT NULL REFERENCES ticket (id),
    from_priority TEXT   NOT NULL,
    to_priority   TEXT   NOT NULL,
    reason        TEXT   NOT NULL,
    proposed_by   TEXT   NOT NULL,
    proposed_at   BIGINT NOT NULL,
    answer        TEXT,
    answered_at   BIGINT,
    reminded_at   BIGINT
);

CREATE UNIQUE INDEX downgrade_one_open_per_ticket ON downgrade_proposal (ticket_id) WHERE answer IS NULL;
CREATE INDEX ticket_queue ON ticket (workspace, state, priority);
