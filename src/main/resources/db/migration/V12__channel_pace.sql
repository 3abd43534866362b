-- Slack takes about one post a second in a channel, counted for the whole workspace: replicas sharing a PostgreSQL
-- database reserve each post's slot here, so that two of them posting in one channel keep one pace between them.
-- next_at is the channel's last slot reserved, by the database's clock (epoch milliseconds); each post reserves one
-- interval after it, or at once in a channel quiet long enough for a burst. One process on a SQLite file keeps the
-- pace in memory and writes nothing here. One row per channel Pompier has posted in.
CREATE TABLE channel_pace (
    channel TEXT   NOT NULL PRIMARY KEY,
    next_at BIGINT NOT NULL
);
