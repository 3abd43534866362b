-- Crisis cells of P1s: at most one per ticket, each opening step recorded so an opening resumes.

ALTER TABLE ticket ADD COLUMN resolved_at BIGINT;

CREATE TABLE crisis_cell (
    id             INTEGER PRIMARY KEY,
    ticket_id      BIGINT  NOT NULL REFERENCES ticket (id),
    state          TEXT    NOT NULL,
    channel_id     TEXT,
    channel_name   TEXT,
    commander      TEXT,
    summary_ts     TEXT,
    requested_at   BIGINT  NOT NULL,
    opened_at      BIGINT,
    next_try_at    BIGINT  NOT NULL,
    last_error     TEXT,
    last_status_at BIGINT,
    archived_at    BIGINT,
    CONSTRAINT crisis_cell_one_per_ticket UNIQUE (ticket_id)
);

CREATE INDEX crisis_cell_opening ON crisis_cell (id) WHERE state = 'opening';

CREATE TABLE crisis_step (
    cell_id BIGINT  NOT NULL REFERENCES crisis_cell (id),
    step    TEXT    NOT NULL,
    done    INTEGER NOT NULL,
    detail  TEXT,
    at      BIGINT  NOT NULL,
    PRIMARY KEY (cell_id, step)
);
