-- Tracking schema for SQLite (the embedded default). Mirrors MLflow's SQL model so that its
-- semantics carry over, with keys ordered for the queries mledger actually runs:
-- child tables are clustered by run (WITHOUT ROWID, primary key leading with run_uuid) so one
-- run's data is contiguous, and secondary indexes lead with the key for search filters.

CREATE TABLE experiments (
    experiment_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    name              TEXT    NOT NULL,
    artifact_location TEXT,
    lifecycle_stage   TEXT    NOT NULL DEFAULT 'active',
    creation_time     INTEGER NOT NULL,
    last_update_time  INTEGER NOT NULL,
    CONSTRAINT experiments_name_key UNIQUE (name),
    CONSTRAINT experiments_lifecycle_stage CHECK (lifecycle_stage IN ('active', 'deleted'))
);

CREATE INDEX experiments_creation_time_idx ON experiments (creation_time);

CREATE TABLE experiment_tags (
    experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
    key           TEXT    NOT NULL,
    value         TEXT,
    PRIMARY KEY (experiment_id, key)
) WITHOUT ROWID;

CREATE TABLE runs (
    run_uuid        TEXT    NOT NULL,
    experiment_id   INTEGER NOT NULL REFERENCES experiments (experiment_id),
    name            TEXT,
    user_id         TEXT,
    status          TEXT    NOT NULL,
    start_time      INTEGER NOT NULL,
    end_time        INTEGER,
    deleted_time    INTEGER,
    lifecycle_stage TEXT    NOT NULL DEFAULT 'active',
    artifact_uri    TEXT,
    PRIMARY KEY (run_uuid),
    CONSTRAINT runs_status CHECK (status IN ('RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED')),
    CONSTRAINT runs_lifecycle_stage CHECK (lifecycle_stage IN ('active', 'deleted'))
) WITHOUT ROWID;

-- The default listing: one experiment, live runs, newest first.
CREATE INDEX runs_experiment_start_time_idx
    ON runs (experiment_id, lifecycle_stage, start_time DESC, run_uuid);

CREATE TABLE params (
    run_uuid TEXT NOT NULL REFERENCES runs (run_uuid),
    key      TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (run_uuid, key)
) WITHOUT ROWID;

-- Values can be thousands of characters; PostgreSQL cannot index them whole, so both dialects
-- index a prefix and equality filters compare the prefix first, then the full value.
CREATE INDEX params_key_value_idx ON params (key, substr(value, 1, 100));

CREATE TABLE tags (
    run_uuid TEXT NOT NULL REFERENCES runs (run_uuid),
    key      TEXT NOT NULL,
    value    TEXT,
    PRIMARY KEY (run_uuid, key)
) WITHOUT ROWID;

CREATE INDEX tags_key_value_idx ON tags (key, substr(value, 1, 100));

-- Full metric history. NaN is stored as value 0 with is_nan = 1 (SQLite turns NaN into NULL);
-- infinities are stored as such.
CREATE TABLE metrics (
    run_uuid  TEXT    NOT NULL REFERENCES runs (run_uuid),
    key       TEXT    NOT NULL,
    step      INTEGER NOT NULL,
    timestamp INTEGER NOT NULL,
    value     REAL    NOT NULL,
    is_nan    BOOLEAN NOT NULL CHECK (is_nan IN (0, 1)),
    PRIMARY KEY (run_uuid, key, step, timestamp, value, is_nan)
) WITHOUT ROWID;

-- One row per (run, key): the value at the highest step, ties broken by timestamp then value.
CREATE TABLE latest_metrics (
    run_uuid  TEXT    NOT NULL REFERENCES runs (run_uuid),
    key       TEXT    NOT NULL,
    value     REAL    NOT NULL,
    timestamp INTEGER NOT NULL,
    step      INTEGER NOT NULL,
    is_nan    BOOLEAN NOT NULL CHECK (is_nan IN (0, 1)),
    PRIMARY KEY (run_uuid, key)
) WITHOUT ROWID;

CREATE INDEX latest_metrics_key_value_idx ON latest_metrics (key, is_nan, value);

CREATE TABLE datasets (
    dataset_uuid        TEXT    NOT NULL,
    experiment_id       INTEGER NOT NULL REFERENCES experiments (experiment_id),
    name                TEXT    NOT NULL,
    digest              TEXT    NOT NULL,
    dataset_source_type TEXT    NOT NULL,
    dataset_source      TEXT    NOT NULL,
    dataset_schema      TEXT,
    dataset_profile     TEXT,
    PRIMARY KEY (dataset_uuid),
    CONSTRAINT datasets_experiment_name_digest_key UNIQUE (experiment_id, name, digest)
);

CREATE INDEX datasets_name_idx ON datasets (name);

CREATE INDEX datasets_digest_idx ON datasets (digest);

-- An edge from a source (a dataset) to a destination (a run), as in MLflow's inputs table.
CREATE TABLE inputs (
    input_uuid       TEXT NOT NULL,
    source_type      TEXT NOT NULL,
    source_id        TEXT NOT NULL,
    destination_type TEXT NOT NULL,
    destination_id   TEXT NOT NULL,
    PRIMARY KEY (input_uuid),
    CONSTRAINT inputs_edge_key UNIQUE (source_type, source_id, destination_type, destination_id)
);

CREATE INDEX inputs_destination_idx ON inputs (destination_type, destination_id, source_type);

CREATE TABLE input_tags (
    input_uuid TEXT NOT NULL REFERENCES inputs (input_uuid),
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (input_uuid, name)
) WITHOUT ROWID;
