-- Tables are prefixed ds_ because MLflow's tracking schema already has a "datasets" table (run inputs).
-- Versioned datasets. A version, its file manifest and the event log are immutable (triggers refuse
-- UPDATE and DELETE); only ds_datasets.current_version moves, and every move is an event.

CREATE TABLE ds_datasets (
    name            VARCHAR(128) NOT NULL PRIMARY KEY,
    current_version VARCHAR(32)  NOT NULL,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL
);

CREATE TABLE ds_versions (
    name         VARCHAR(128) NOT NULL REFERENCES ds_datasets (name),
    version      VARCHAR(32)  NOT NULL,
    major        INTEGER      NOT NULL,
    minor        INTEGER      NOT NULL,
    patch        INTEGER      NOT NULL,
    kind         VARCHAR(16)  NOT NULL CHECK (kind IN ('file', 'directory')),
    sha256       CHAR(64)     NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    file_count   BIGINT       NOT NULL,
    path         VARCHAR(1024) NOT NULL,
    source       TEXT,
    owner        VARCHAR(256),
    license      VARCHAR(256),
    pii_columns  TEXT,
    key_columns  TEXT         NOT NULL,
    run_id       VARCHAR(32),
    created_by   VARCHAR(256) NOT NULL,
    profile      TEXT,
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (name, version)
);
CREATE INDEX dataset_versions_by_hash ON ds_versions (sha256);

CREATE TABLE ds_files (
    name       VARCHAR(128) NOT NULL,
    version    VARCHAR(32)  NOT NULL,
    position   BIGINT       NOT NULL,
    path       TEXT         NOT NULL,
    size_bytes BIGINT       NOT NULL,
    sha256     CHAR(64)     NOT NULL,
    PRIMARY KEY (name, version, position),
    FOREIGN KEY (name, version) REFERENCES ds_versions (name, version)
);
CREATE INDEX dataset_files_by_blob ON ds_files (sha256);

CREATE TABLE ds_events (
    event_id         BIGSERIAL    NOT NULL PRIMARY KEY,
    name             VARCHAR(128) NOT NULL REFERENCES ds_datasets (name),
    action           VARCHAR(16)  NOT NULL CHECK (action IN ('add', 'rollback')),
    version          VARCHAR(32)  NOT NULL,
    previous_version VARCHAR(32),
    actor            VARCHAR(256) NOT NULL,
    reason           TEXT,
    created_at       BIGINT       NOT NULL
);
CREATE INDEX dataset_events_by_name ON ds_events (name, event_id);

CREATE FUNCTION dataset_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER dataset_versions_immutable BEFORE UPDATE OR DELETE ON ds_versions
    FOR EACH ROW EXECUTE FUNCTION dataset_refuse_change();
CREATE TRIGGER dataset_files_immutable BEFORE UPDATE OR DELETE ON ds_files
    FOR EACH ROW EXECUTE FUNCTION dataset_refuse_change();
CREATE TRIGGER dataset_events_immutable BEFORE UPDATE OR DELETE ON ds_events
    FOR EACH ROW EXECUTE FUNCTION dataset_refuse_change();
