-- The hash-chained audit trail (see AuditLog). Append-only: triggers refuse UPDATE and DELETE; the
-- unique previous_hash means two entries can never claim the same predecessor (no fork).
CREATE TABLE audit_log (
    sequence      BIGINT NOT NULL PRIMARY KEY,
    recorded_at   BIGINT NOT NULL,
    actor         TEXT   NOT NULL,
    action        TEXT   NOT NULL,
    subject_type  TEXT   NOT NULL,
    subject_id    TEXT   NOT NULL,
    details       TEXT   NOT NULL,
    previous_hash TEXT COLLATE "C" NOT NULL,
    hash          TEXT COLLATE "C" NOT NULL,
    CONSTRAINT audit_log_previous_hash_key UNIQUE (previous_hash),
    CONSTRAINT audit_log_hash_key UNIQUE (hash),
    CONSTRAINT audit_log_sequence CHECK (sequence > 0),
    CONSTRAINT audit_log_hash_length CHECK (length(hash) = 64 AND length(previous_hash) = 64)
);

CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id, sequence);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are immutable';
END;
$$;

CREATE TRIGGER audit_log_immutable BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
