-- Planning asks, for every artifact, where it runs: look that up by artifact, not by service.
CREATE INDEX running_by_artifact ON running (registry, repository, digest);
CREATE INDEX rollback_history_by_service ON rollback_history (service, last_deployed_at DESC);
