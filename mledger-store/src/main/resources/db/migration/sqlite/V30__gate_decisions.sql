-- Promotion-gate decisions, their approvals and the promotions made on them. All three tables are
-- append-only: triggers refuse every UPDATE and DELETE so that a recorded decision stays evidence.

CREATE TABLE gate_decisions (
    decision_id       VARCHAR(32)  NOT NULL PRIMARY KEY,
    model_name        VARCHAR(256) NOT NULL,
    candidate_version VARCHAR(32)  NOT NULL,
    champion_version  VARCHAR(32),
    gate_name         VARCHAR(256) NOT NULL,
    passed            INTEGER      NOT NULL CHECK (passed IN (0, 1)),
    digest            CHAR(64)     NOT NULL,
    document          TEXT         NOT NULL,
    recorded_at       BIGINT       NOT NULL
);
CREATE INDEX gate_decisions_by_version ON gate_decisions (model_name, candidate_version, recorded_at);

CREATE TABLE gate_decision_approvals (
    decision_id VARCHAR(32)  NOT NULL REFERENCES gate_decisions (decision_id),
    approver    VARCHAR(256) NOT NULL,
    comment     TEXT         NOT NULL,
    approved_at BIGINT       NOT NULL,
    PRIMARY KEY (decision_id, approver)
);

CREATE TABLE model_promotions (
    promotion_id    INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    model_name      VARCHAR(256) NOT NULL,
    version         VARCHAR(32)  NOT NULL,
    target_kind     VARCHAR(8)   NOT NULL CHECK (target_kind IN ('alias', 'stage')),
    target_name     VARCHAR(256) NOT NULL,
    decision_id     VARCHAR(32) REFERENCES gate_decisions (decision_id),
    override_reason TEXT,
    override_actor  VARCHAR(256),
    actor           VARCHAR(256) NOT NULL,
    promoted_at     BIGINT       NOT NULL,
    CHECK (decision_id IS NOT NULL OR override_reason IS NOT NULL)
);
CREATE INDEX model_promotions_by_model ON model_promotions (model_name, promotion_id);

CREATE TRIGGER gate_decisions_no_update BEFORE UPDATE ON gate_decisions
BEGIN SELECT RAISE(ABORT, 'gate decisions are immutable'); END;
CREATE TRIGGER gate_decisions_no_delete BEFORE DELETE ON gate_decisions
BEGIN SELECT RAISE(ABORT, 'gate decisions are immutable'); END;
CREATE TRIGGER gate_decision_approvals_no_update BEFORE UPDATE ON gate_decision_approvals
BEGIN SELECT RAISE(ABORT, 'gate decision approvals are immutable'); END;
CREATE TRIGGER gate_decision_approvals_no_delete BEFORE DELETE ON gate_decision_approvals
BEGIN SELECT RAISE(ABORT, 'gate decision approvals are immutable'); END;
CREATE TRIGGER model_promotions_no_update BEFORE UPDATE ON model_promotions
BEGIN SELECT RAISE(ABORT, 'model promotions are immutable'); END;
CREATE TRIGGER model_promotions_no_delete BEFORE DELETE ON model_promotions
BEGIN SELECT RAISE(ABORT, 'model promotions are immutable'); END;
