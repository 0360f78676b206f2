-- Lineage (see LineageStore): raw OpenLineage events, and the nodes and edges they materialize.
-- Edges derived from runs' dataset inputs and from the registry are computed at query time.
CREATE TABLE lineage_events (
    digest        TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    event_kind    TEXT    NOT NULL,
    event_type    TEXT,
    run_id        TEXT COLLATE "C",
    job_namespace TEXT,
    job_name      TEXT,
    event_time    TEXT    NOT NULL,
    event_time_ms BIGINT NOT NULL,
    received_at   BIGINT NOT NULL,
    document      TEXT    NOT NULL,
    CONSTRAINT lineage_events_kind CHECK (event_kind IN ('run', 'job', 'dataset'))
);

CREATE INDEX lineage_events_run_idx ON lineage_events (run_id, event_time_ms);
CREATE INDEX lineage_events_job_idx ON lineage_events (job_namespace, job_name, event_time_ms);

-- What events said about a node: facets (latest per facet name), a job's latest run.
CREATE TABLE lineage_nodes (
    node_id       TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    kind          TEXT    NOT NULL,
    data          TEXT    NOT NULL,
    last_event_ms BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE lineage_edges (
    from_node  TEXT COLLATE "C" NOT NULL,
    to_node    TEXT COLLATE "C" NOT NULL,
    relation   TEXT    NOT NULL,
    first_seen BIGINT NOT NULL,
    last_seen  BIGINT NOT NULL,
    PRIMARY KEY (from_node, to_node, relation)
);

CREATE INDEX lineage_edges_to_idx ON lineage_edges (to_node);

-- Finds the MLflow dataset versions (logged inputs) of a dataset node by its version, the digest.
CREATE INDEX datasets_digest_lineage_idx ON datasets (digest);
