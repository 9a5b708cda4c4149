-- A message handed to a manual institution's inbox was journalled as an error with a "manual:" prefix; it now has a
-- direction of its own.
UPDATE "network_journal" SET "direction" = 'handoff' WHERE "direction" = 'error' AND "error" LIKE 'manual:%';
