-- Who may speak for the team: one person cannot open crisis cells at will. A P1 the policy gives on a reporter's own
-- answers to their own report is counted here, with when, so that the number each person confirmed in the last hour
-- holds across restarts and replicas; past the team's limit, the leads confirm the next ones.

CREATE TABLE self_confirmed_p1 (
    ticket_id    BIGINT NOT NULL PRIMARY KEY REFERENCES ticket (id),
    reporter     TEXT   NOT NULL,
    confirmed_at BIGINT NOT NULL
);

CREATE INDEX self_confirmed_p1_by_reporter ON self_confirmed_p1 (reporter, confirmed_at);

-- One row per reporter, written first in the transaction that counts their P1s: on PostgreSQL its row lock makes two
-- replicas count one person's P1s one after the other (SQLite's writers take turns anyway).
CREATE TABLE self_confirmed_p1_turn (
    reporter   TEXT   NOT NULL PRIMARY KEY,
    counted_at BIGINT NOT NULL
);
