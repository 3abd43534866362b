-- Routing: a ticket's category, and each team's rotation (who was given a ticket last).

ALTER TABLE ticket ADD COLUMN category TEXT;

CREATE TABLE rotation (
    team      TEXT NOT NULL PRIMARY KEY,
    last_user TEXT NOT NULL
);
