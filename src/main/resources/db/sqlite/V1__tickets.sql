-- Tickets, their timeline, and the Slack deliveries already handled.
-- Instants are epoch milliseconds (BIGINT) so the same SQL runs on SQLite and PostgreSQL.

CREATE TABLE ticket_sequence (
    workspace   TEXT   NOT NULL PRIMARY KEY,
    last_number BIGINT NOT NULL
);

CREATE TABLE ticket (
    id            INTEGER PRIMARY KEY,
    workspace     TEXT    NOT NULL,
    number        BIGINT  NOT NULL,
    reference     TEXT    NOT NULL,
    channel       TEXT    NOT NULL,
    message_ts    TEXT    NOT NULL,
    thread_ts     TEXT,
    permalink     TEXT,
    reporter      TEXT,
    report_text   TEXT,
    opened_via    TEXT    NOT NULL,
    opened_by     TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    state         TEXT    NOT NULL,
    priority      TEXT,
    card_ts       TEXT,
    card_due_at   BIGINT,
    card_attempts INTEGER NOT NULL DEFAULT 0,
    card_error    TEXT,
    CONSTRAINT ticket_number_unique UNIQUE (workspace, number),
    CONSTRAINT ticket_message_unique UNIQUE (workspace, channel, message_ts)
);

-- Only tickets whose card is still to be posted are in this index, so the sweep costs what is due.
CREATE INDEX ticket_card_due ON ticket (card_due_at) WHERE card_due_at IS NOT NULL;

CREATE TABLE ticket_event (
    id        INTEGER PRIMARY KEY,
    ticket_id BIGINT NOT NULL REFERENCES ticket (id),
    at        BIGINT NOT NULL,
    kind      TEXT   NOT NULL,
    actor     TEXT,
    detail    TEXT
);

CREATE INDEX ticket_event_by_ticket ON ticket_event (ticket_id, at);

CREATE TABLE slack_delivery (
    event_id    TEXT   NOT NULL PRIMARY KEY,
    received_at BIGINT NOT NULL
);

CREATE INDEX slack_delivery_by_age ON slack_delivery (received_at);
