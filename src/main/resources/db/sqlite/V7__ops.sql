-- Operations calendar: maintenance windows, business operations, collisions announced again, and the
-- tickets that arrived during a maintenance.

CREATE TABLE maintenance_window (
    id          INTEGER PRIMARY KEY,
    component   TEXT   NOT NULL,
    start_local TEXT   NOT NULL,
    length_ms   BIGINT NOT NULL,
    recurrence  TEXT   NOT NULL,
    unavailable TEXT   NOT NULL,
    owner       TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE business_operation (
    id          INTEGER PRIMARY KEY,
    name        TEXT   NOT NULL,
    start_local TEXT   NOT NULL,
    length_ms   BIGINT NOT NULL,
    components  TEXT   NOT NULL,
    tail_ms     BIGINT NOT NULL,
    recurrence  TEXT   NOT NULL,
    owner       TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE ops_announcement (
    collision TEXT   NOT NULL PRIMARY KEY,
    at        BIGINT NOT NULL
);

CREATE TABLE ops_hit (
    window_id        BIGINT NOT NULL REFERENCES maintenance_window (id),
    occurrence_start BIGINT NOT NULL,
    occurrence_end   BIGINT NOT NULL,
    ticket_id        BIGINT NOT NULL REFERENCES ticket (id),
    reported         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (window_id, occurrence_start, ticket_id)
);
