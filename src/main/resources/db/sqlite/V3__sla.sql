-- SLA: the clock of each goal (take-in, resolution) per ticket, the reminders already posted, and
-- db-scheduler's table of durable timed work.

ALTER TABLE ticket ADD COLUMN assignee TEXT;
ALTER TABLE ticket ADD COLUMN taken_at BIGINT;
ALTER TABLE ticket ADD COLUMN sla_started_at BIGINT;
-- Set in the same transaction as any change the SLA depends on; cleared once the clocks are recomputed,
-- so a crash in between is caught by the sweep.
ALTER TABLE ticket ADD COLUMN sla_dirty INTEGER NOT NULL DEFAULT 0;

CREATE INDEX ticket_sla_dirty ON ticket (id) WHERE sla_dirty = 1;

CREATE TABLE sla_clock (
    ticket_id         BIGINT  NOT NULL REFERENCES ticket (id),
    goal              TEXT    NOT NULL,
    priority          TEXT    NOT NULL,
    budget_ms         BIGINT,
    due_at            BIGINT,
    done_at           BIGINT,
    met               INTEGER,
    pending_threshold INTEGER,
    last_posted       INTEGER,
    PRIMARY KEY (ticket_id, goal)
);

-- Only running clocks are in this index: listing what falls due costs what is due.
CREATE INDEX sla_clock_due ON sla_clock (due_at) WHERE due_at IS NOT NULL AND done_at IS NULL;

CREATE TABLE sla_reminder (
    ticket_id  BIGINT  NOT NULL REFERENCES ticket (id),
    goal       TEXT    NOT NULL,
    priority   TEXT    NOT NULL,
    threshold  INTEGER NOT NULL,
    status     TEXT    NOT NULL,
    at         BIGINT  NOT NULL,
    message_ts TEXT,
    PRIMARY KEY (ticket_id, goal, priority, threshold)
);

-- db-scheduler's table, as the library defines it for SQLite.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100),
    task_instance        VARCHAR(100),
    task_data            BLOB,
    execution_time       TIMESTAMP,
    picked               BIT,
    picked_by            VARCHAR(50),
    last_success         TIMESTAMP,
    last_failure         TIMESTAMP,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP,
    version              BIGINT,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
