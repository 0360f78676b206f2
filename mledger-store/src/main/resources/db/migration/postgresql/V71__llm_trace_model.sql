-- The model each trace used (a registered model version URI from mledger.model.version, else the
-- GenAI model that answered), so that dataset–model–prompt triples of evaluations can be grouped.
-- Traces summarized before this migration get it when they next receive spans.
ALTER TABLE llm_traces ADD COLUMN model TEXT;
CREATE INDEX llm_traces_by_evaluation ON llm_traces (eval_set, prompt_version, model);
CREATE INDEX llm_traces_by_model ON llm_traces (model);
