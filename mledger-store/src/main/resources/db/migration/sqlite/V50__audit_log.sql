-- The hash-chained audit trail (see AuditLog). Append-only: triggers refuse UPDATE and DELETE; the
-- unique previous_hash means two entries can never claim the same predecessor (no fork).
CREATE TABLE audit_log (
    sequence      INTEGER NOT NULL PRIMARY KEY,
    recorded_at   INTEGER NOT NULL,
    actor         TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    subject_type  TEXT    NOT NULL,
    subject_id    TEXT    NOT NULL,
    details       TEXT    NOT NULL,
    previous_hash TEXT    NOT NULL,
    hash          TEXT    NOT NULL,
    CONSTRAINT audit_log_previous_hash_key UNIQUE (previous_hash),
    CONSTRAINT audit_log_hash_key UNIQUE (hash),
    CONSTRAINT audit_log_sequence CHECK (sequence > 0),
    CONSTRAINT audit_log_hash_length CHECK (length(hash) = 64 AND length(previous_hash) = 64)
);

CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id, sequence);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit entries are immutable'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit entries are immutable'); END;
