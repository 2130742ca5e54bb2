-- A build may squash its image onto the base; what the squash did (the image as built, its history, the efficiency
-- before and after) is kept with the build, since the squashed image's own history no longer shows it.
ALTER TABLE build ADD COLUMN squash JSONB;
