/**
 * The tracking store on JDBC: SQLite (embedded default) and PostgreSQL share one schema design, one
 * set of statements and MLflow's SqlAlchemyStore semantics.
 *
 * <ul>
 *   <li><b>Schema</b> (Flyway, {@code db/migration/<dialect>}): experiments, experiment_tags, runs,
 *       params, tags, metrics (full history, primary key (run, key, step, timestamp, value,
 *       is_nan)), latest_metrics (one row per run and key, moved forward on every write by MLflow's
 *       rule: highest step, then timestamp, then value), datasets, inputs, input_tags. Child tables
 *       are keyed by (run_uuid, key) and indexed by (key, value) for search. NaN is stored as 0
 *       with an is_nan flag; infinities as they are.
 *   <li><b>Writes</b>: every SPI call is one transaction; a log-batch is a handful of batched
 *       statements. On SQLite, writes go through one connection under an in-process lock with
 *       IMMEDIATE transactions, so concurrent requests queue instead of failing with SQLITE_BUSY;
 *       reads use a separate pool and WAL snapshots.
 *   <li><b>Search</b>: filters become SQL with bound parameters only; a page is found as a list of
 *       run ids and then loaded in bulk (runs, params, tags, latest metrics, inputs) with a few
 *       IN-list queries.
 * </ul>
 */
package dev.mledger.store.jdbc;
