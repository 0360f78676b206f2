-- LLM and GenAI tracking: the prompt registry, OTLP spans with per-trace summaries, evaluation
-- scores and the model price table (see LlmStore).

CREATE TABLE llm_prompts (
    name              VARCHAR(256) NOT NULL PRIMARY KEY,
    description       TEXT    NOT NULL,
    latest_version    INTEGER NOT NULL,
    creation_time     INTEGER  NOT NULL,
    last_updated_time INTEGER  NOT NULL
);

-- Versions are immutable: triggers refuse updates and deletes.
CREATE TABLE llm_prompt_versions (
    name           VARCHAR(256) NOT NULL REFERENCES llm_prompts (name),
    version        INTEGER NOT NULL CHECK (version >= 1),
    template       TEXT    NOT NULL,
    commit_message TEXT    NOT NULL,
    tags           TEXT    NOT NULL,
    created_by     VARCHAR(256),
    creation_time  INTEGER  NOT NULL,
    PRIMARY KEY (name, version)
);

CREATE TRIGGER llm_prompt_versions_no_update BEFORE UPDATE ON llm_prompt_versions
BEGIN
    SELECT RAISE(ABORT, 'prompt versions are immutable');
END;

CREATE TRIGGER llm_prompt_versions_no_delete BEFORE DELETE ON llm_prompt_versions
BEGIN
    SELECT RAISE(ABORT, 'prompt versions are immutable');
END;

CREATE TABLE llm_prompt_aliases (
    name         VARCHAR(256) NOT NULL,
    alias        VARCHAR(256) NOT NULL,
    version      INTEGER NOT NULL,
    updated_time INTEGER  NOT NULL,
    PRIMARY KEY (name, alias),
    FOREIGN KEY (name, version) REFERENCES llm_prompt_versions (name, version)
);

CREATE TABLE llm_spans (
    trace_id       CHAR(32) NOT NULL,
    span_id        CHAR(16) NOT NULL,
    parent_span_id CHAR(16),
    name           TEXT     NOT NULL,
    kind           INTEGER NOT NULL,
    start_time_ns  INTEGER   NOT NULL,
    end_time_ns    INTEGER   NOT NULL,
    status         INTEGER NOT NULL,
    status_message TEXT     NOT NULL,
    attributes     TEXT     NOT NULL,
    resource       TEXT     NOT NULL,
    events         TEXT     NOT NULL,
    PRIMARY KEY (trace_id, span_id)
);

-- One row per trace, recomputed whenever the trace receives spans (cost at the prices of then).
CREATE TABLE llm_traces (
    trace_id        CHAR(32) NOT NULL PRIMARY KEY,
    root_name       TEXT     NOT NULL,
    start_time_ns   INTEGER   NOT NULL,
    end_time_ns     INTEGER   NOT NULL,
    span_count      INTEGER  NOT NULL,
    status          INTEGER NOT NULL,
    error_spans     INTEGER  NOT NULL,
    input_tokens    INTEGER   NOT NULL,
    output_tokens   INTEGER   NOT NULL,
    cost_usd        REAL,
    unpriced_spans  INTEGER  NOT NULL,
    prompt_version  TEXT,
    eval_set        TEXT,
    eval_example_id TEXT,
    service_name    TEXT
);
CREATE INDEX llm_traces_by_start ON llm_traces (start_time_ns DESC, trace_id);
CREATE INDEX llm_traces_by_prompt ON llm_traces (prompt_version, start_time_ns);
CREATE INDEX llm_traces_by_eval_set ON llm_traces (eval_set, prompt_version);

CREATE TABLE llm_scores (
    score_id       CHAR(32) NOT NULL PRIMARY KEY,
    trace_id       CHAR(32) NOT NULL REFERENCES llm_traces (trace_id),
    span_id        CHAR(16),
    name           VARCHAR(256) NOT NULL,
    value_type     VARCHAR(16) NOT NULL CHECK (value_type IN ('numeric', 'categorical', 'boolean')),
    numeric_value  REAL,
    label          TEXT,
    source_type    VARCHAR(16) NOT NULL CHECK (source_type IN ('human', 'llm_judge', 'code')),
    source_name    VARCHAR(256) NOT NULL,
    source_version VARCHAR(256),
    rationale      TEXT     NOT NULL,
    created_time   INTEGER   NOT NULL
);
CREATE INDEX llm_scores_by_trace ON llm_scores (trace_id, created_time);
CREATE INDEX llm_scores_by_name ON llm_scores (name, trace_id);

CREATE TABLE llm_model_prices (
    model                  VARCHAR(256) NOT NULL PRIMARY KEY,
    input_usd_per_million  REAL NOT NULL CHECK (input_usd_per_million >= 0),
    output_usd_per_million REAL NOT NULL CHECK (output_usd_per_million >= 0),
    updated_time           INTEGER NOT NULL
);
