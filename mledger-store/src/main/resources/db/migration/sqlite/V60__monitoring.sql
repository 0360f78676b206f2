-- Production monitoring: monitors, their append-only event log, window reports, alert state and
-- alerts, webhook deliveries and the steps of the retraining loop.

CREATE TABLE monitors (
    monitor_id        VARCHAR(32)  NOT NULL PRIMARY KEY,
    name              VARCHAR(256) NOT NULL UNIQUE,
    definition        TEXT         NOT NULL,
    alert_policy      TEXT         NOT NULL,
    reference_profile BLOB         NOT NULL,
    webhook_url       TEXT,
    webhook_secret    TEXT,
    retrain_policy    TEXT,
    event_seq         BIGINT       NOT NULL DEFAULT 0,
    reported_seq      BIGINT       NOT NULL DEFAULT 0,
    created_time      BIGINT       NOT NULL
);

-- Rows are only ever inserted; reports point at sequence ranges of this log.
CREATE TABLE monitor_events (
    monitor_id VARCHAR(32) NOT NULL REFERENCES monitors (monitor_id),
    seq        BIGINT      NOT NULL,
    event_time BIGINT      NOT NULL,
    payload    TEXT        NOT NULL,
    PRIMARY KEY (monitor_id, seq)
);

CREATE TRIGGER monitor_events_no_update BEFORE UPDATE ON monitor_events
BEGIN
    SELECT RAISE(ABORT, 'monitor events are append-only');
END;

CREATE TRIGGER monitor_events_no_delete BEFORE DELETE ON monitor_events
BEGIN
    SELECT RAISE(ABORT, 'monitor events are append-only');
END;

CREATE TABLE monitor_reports (
    report_id    VARCHAR(32) NOT NULL PRIMARY KEY,
    monitor_id   VARCHAR(32) NOT NULL REFERENCES monitors (monitor_id),
    window_start BIGINT      NOT NULL,
    window_end   BIGINT      NOT NULL,
    row_count    BIGINT      NOT NULL,
    last_seq     BIGINT      NOT NULL,
    document     TEXT        NOT NULL,
    created_time BIGINT      NOT NULL
);
CREATE INDEX monitor_reports_by_monitor ON monitor_reports (monitor_id, last_seq);

CREATE TABLE monitor_alert_states (
    monitor_id  VARCHAR(32)      NOT NULL REFERENCES monitors (monitor_id),
    feature     VARCHAR(256)     NOT NULL,
    statistic   VARCHAR(32)      NOT NULL,
    firing      INTEGER          NOT NULL CHECK (firing IN (0, 1)),
    severity    VARCHAR(16)      NOT NULL,
    last_value  REAL             NOT NULL,
    opened_at   BIGINT           NOT NULL,
    resolved_at BIGINT           NOT NULL,
    occurrences INTEGER          NOT NULL,
    PRIMARY KEY (monitor_id, feature, statistic)
);

CREATE TABLE monitor_alerts (
    alert_id          VARCHAR(32)      NOT NULL PRIMARY KEY,
    monitor_id        VARCHAR(32)      NOT NULL REFERENCES monitors (monitor_id),
    report_id         VARCHAR(32)      NOT NULL REFERENCES monitor_reports (report_id),
    feature           VARCHAR(256)     NOT NULL,
    statistic         VARCHAR(32)      NOT NULL,
    kind              VARCHAR(16)      NOT NULL,
    severity          VARCHAR(16)      NOT NULL,
    value             REAL             NOT NULL,
    threshold         REAL             NOT NULL,
    message           TEXT             NOT NULL,
    created_time      BIGINT           NOT NULL,
    acknowledged_by   VARCHAR(256),
    acknowledged_time BIGINT,
    ack_comment       TEXT
);
CREATE INDEX monitor_alerts_by_monitor ON monitor_alerts (monitor_id, created_time);

CREATE TABLE monitor_deliveries (
    delivery_id  VARCHAR(32) NOT NULL PRIMARY KEY,
    monitor_id   VARCHAR(32) NOT NULL REFERENCES monitors (monitor_id),
    alert_id     VARCHAR(32) NOT NULL REFERENCES monitor_alerts (alert_id),
    attempt      INTEGER     NOT NULL,
    status_code  INTEGER,
    error        TEXT,
    succeeded    INTEGER     NOT NULL CHECK (succeeded IN (0, 1)),
    created_time BIGINT      NOT NULL
);
CREATE INDEX monitor_deliveries_by_alert ON monitor_deliveries (alert_id, attempt);

CREATE TABLE monitor_retrain_steps (
    step_id      VARCHAR(32) NOT NULL PRIMARY KEY,
    monitor_id   VARCHAR(32) NOT NULL REFERENCES monitors (monitor_id),
    attempt_id   VARCHAR(32) NOT NULL,
    ordinal      INTEGER     NOT NULL,
    step         VARCHAR(32) NOT NULL,
    detail       TEXT        NOT NULL,
    created_time BIGINT      NOT NULL,
    UNIQUE (attempt_id, ordinal)
);
CREATE INDEX monitor_retrain_steps_by_monitor ON monitor_retrain_steps (monitor_id, created_time);
