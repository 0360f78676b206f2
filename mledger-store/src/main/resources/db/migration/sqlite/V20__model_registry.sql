-- Model registry schema for SQLite. Mirrors MLflow's registry tables (registered_models,
-- model_versions, their tags and aliases) so that its semantics carry over; a rename cascades
-- through every table keyed by the model name. registry_history is mledger's append-only record
-- of stage and alias changes: it has no foreign key, so it outlives deleted versions and models.

CREATE TABLE registered_models (
    name              TEXT    NOT NULL PRIMARY KEY,
    creation_time     INTEGER NOT NULL,
    last_updated_time INTEGER NOT NULL,
    description       TEXT
);

CREATE INDEX registered_models_last_updated_idx ON registered_models (last_updated_time);

CREATE TABLE registered_model_tags (
    name  TEXT NOT NULL REFERENCES registered_models (name) ON UPDATE CASCADE ON DELETE CASCADE,
    key   TEXT NOT NULL,
    value TEXT,
    PRIMARY KEY (name, key)
) WITHOUT ROWID;

CREATE INDEX registered_model_tags_key_value_idx ON registered_model_tags (key, value);

CREATE TABLE model_versions (
    name              TEXT    NOT NULL
        REFERENCES registered_models (name) ON UPDATE CASCADE ON DELETE CASCADE,
    version           INTEGER NOT NULL,
    creation_time     INTEGER NOT NULL,
    last_updated_time INTEGER NOT NULL,
    description       TEXT,
    user_id           TEXT,
    current_stage     TEXT    NOT NULL DEFAULT 'None',
    source            TEXT,
    storage_location  TEXT,
    run_id            TEXT,
    run_link          TEXT,
    status            TEXT    NOT NULL DEFAULT 'READY',
    status_message    TEXT,
    PRIMARY KEY (name, version),
    CONSTRAINT model_versions_stage CHECK
        (current_stage IN ('None', 'Staging', 'Production', 'Archived', 'Deleted_Internal')),
    CONSTRAINT model_versions_status CHECK
        (status IN ('PENDING_REGISTRATION', 'FAILED_REGISTRATION', 'READY'))
) WITHOUT ROWID;

CREATE INDEX model_versions_run_id_idx ON model_versions (run_id);
CREATE INDEX model_versions_last_updated_idx ON model_versions (last_updated_time);

CREATE TABLE model_version_tags (
    name    TEXT    NOT NULL,
    version INTEGER NOT NULL,
    key     TEXT    NOT NULL,
    value   TEXT,
    PRIMARY KEY (name, version, key),
    FOREIGN KEY (name, version) REFERENCES model_versions (name, version)
        ON UPDATE CASCADE ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX model_version_tags_key_value_idx ON model_version_tags (key, value);

CREATE TABLE registered_model_aliases (
    name    TEXT    NOT NULL
        REFERENCES registered_models (name) ON UPDATE CASCADE ON DELETE CASCADE,
    alias   TEXT    NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (name, alias)
) WITHOUT ROWID;

CREATE TABLE registry_history (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    model_name         TEXT    NOT NULL,
    version            INTEGER,
    change_kind        TEXT    NOT NULL,
    from_stage         TEXT,
    to_stage           TEXT,
    alias              TEXT,
    previous_version   INTEGER,
    new_version        INTEGER,
    actor              TEXT    NOT NULL,
    changed_at         INTEGER NOT NULL,
    reason             TEXT,
    approver           TEXT,
    approval_reference TEXT,
    CONSTRAINT registry_history_kind CHECK (change_kind IN ('stage', 'alias'))
);

CREATE INDEX registry_history_model_idx ON registry_history (model_name, id);
