-- The audit log page of the web UI filters by actor (newest first); subject types already have
-- audit_log_subject_idx.
CREATE INDEX audit_log_actor_idx ON audit_log (actor, sequence);
