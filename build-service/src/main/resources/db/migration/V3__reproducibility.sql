-- A build can rebuild an earlier one to check that it reproduces; the layers of each pushed image are kept to
-- compare.
ALTER TABLE build ADD COLUMN reproduction_of UUID REFERENCES build (id);
ALTER TABLE build ADD COLUMN layers TEXT[];
ALTER TABLE build ADD COLUMN reproducibility JSONB;
