-- Several replicas on one database: a claim on shared work is signed with the replica that holds it, so that a
-- replica starting again takes back what its own last run left, and never another's live claim (a claim nobody
-- renews expires and any replica takes it over).

-- The replica posting a ticket's card (or related reply) until card_due_at; NULL for a retry wait.
ALTER TABLE ticket ADD COLUMN card_owner TEXT;
-- The replica posting a related reporter's news until leased_until.
ALTER TABLE reporter_notice ADD COLUMN leased_by TEXT;
-- The replica posting a reminder while its status is 'posting'.
ALTER TABLE sla_reminder ADD COLUMN claimed_by TEXT;
