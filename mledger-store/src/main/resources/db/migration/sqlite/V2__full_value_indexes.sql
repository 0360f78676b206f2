-- SQLite has no index entry size limit, so params and tags are indexed on their whole value.
-- (The prefix indexes of V1 were invisible to the planner whenever a filter also compared the
-- full value: SQLite's constant propagation rewrites the prefix expression away.)

DROP INDEX params_key_value_idx;

CREATE INDEX params_key_value_idx ON params (key, value);

DROP INDEX tags_key_value_idx;

CREATE INDEX tags_key_value_idx ON tags (key, value);
