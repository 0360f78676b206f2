-- Reproducibility envelopes: one write-once record per run (see EnvelopeStore).
CREATE TABLE run_envelopes (
    run_uuid     TEXT    NOT NULL,
    fingerprint  TEXT    NOT NULL,
    envelope     TEXT    NOT NULL,
    created_time INTEGER NOT NULL,
    PRIMARY KEY (run_uuid),
    CONSTRAINT run_envelopes_run_fk FOREIGN KEY (run_uuid) REFERENCES runs (run_uuid) ON DELETE CASCADE,
    CONSTRAINT run_envelopes_fingerprint CHECK (length(fingerprint) = 64)
);

-- Finds the runs that share an envelope (same data, code, environment, seed and dependencies).
CREATE INDEX run_envelopes_fingerprint_idx ON run_envelopes (fingerprint);
