package dev.mledger.store.jdbc;

import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.InputTag;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.MetricWithRunId;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.RunData;
import dev.mledger.core.tracking.RunTag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** SQL for what is logged to runs: params, tags, metrics and dataset inputs. */
final class RunDataDao {
  static final String MLFLOW_DATASET_CONTEXT = "mlflow.data.context";

  private RunDataDao() {}

  /** Everything logged to one run, as the API returns it. */
  record Content(RunData data, List<DatasetInput> inputs) {}

  /** A param whose logged value differs from the value a batch tried to log. */
  record ParamConflict(String key, String oldValue, String newValue) {}

  // ---- reads ----

  /** Loads the logged data of several runs with a handful of queries per 500 runs. */
  static Map<String, Content> load(Handle h, Collection<String> runIds) {
    Map<String, List<Param>> params = new HashMap<>();
    Map<String, List<RunTag>> tags = new HashMap<>();
    Map<String, List<Metric>> metrics = new HashMap<>();
    Map<String, List<DatasetInput>> inputs = new HashMap<>();
    for (List<String> chunk : Ids.chunks(new LinkedHashSet<>(runIds))) {
      Queries.query(
              h,
              new SqlWriter()
                  .append("SELECT run_uuid, key, value FROM params WHERE run_uuid IN ")
                  .paramList(chunk)
                  .append(" ORDER BY run_uuid, key"))
          .map((rs, ctx) -> Map.entry(rs.getString(1), new Param(rs.getString(2), rs.getString(3))))
          .forEach(
              e -> params.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
      Queries.query(
              h,
              new SqlWriter()
                  .append("SELECT run_uuid, key, value FROM tags WHERE run_uuid IN ")
                  .paramList(chunk)
                  .append(" ORDER BY run_uuid, key"))
          .map(
              (rs, ctx) -> Map.entry(rs.getString(1), new RunTag(rs.getString(2), rs.getString(3))))
          .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
      Queries.query(
              h,
              new SqlWriter()
                  .append(
                      "SELECT run_uuid, key, value, timestamp, step, is_nan FROM latest_metrics"
                          + " WHERE run_uuid IN ")
                  .paramList(chunk)
                  .append(" ORDER BY run_uuid, key"))
          .map((rs, ctx) -> Map.entry(rs.getString(1), MetricValues.read(rs)))
          .forEach(
              e -> metrics.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
      inputs.putAll(loadInputs(h, chunk));
    }
    Map<String, Content> result = new LinkedHashMap<>();
    for (String runId : runIds) {
      result.put(
          runId,
          new Content(
              new RunData(
                  metrics.getOrDefault(runId, List.of()),
                  params.getOrDefault(runId, List.of()),
                  tags.getOrDefault(runId, List.of())),
              inputs.getOrDefault(runId, List.of())));
    }
    return result;
  }

  private record InputRow(String runId, String inputUuid, Dataset dataset) {}

  private static Map<String, List<DatasetInput>> loadInputs(Handle h, List<String> runIds) {
    List<InputRow> rows =
        Queries.query(
                h,
                new SqlWriter()
                    .append(
                        "SELECT i.destination_id, i.input_uuid, d.name, d.digest,"
                            + " d.dataset_source_type, d.dataset_source, d.dataset_schema,"
                            + " d.dataset_profile FROM inputs i"
                            + " JOIN datasets d ON d.dataset_uuid = i.source_id"
                            + " WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN'"
                            + " AND i.destination_id IN ")
                    .paramList(runIds)
                    .append(" ORDER BY i.destination_id, d.name, d.digest"))
            .map(
                (rs, ctx) ->
                    new InputRow(
                        rs.getString(1),
                        rs.getString(2),
                        new Dataset(
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8))))
            .list();
    if (rows.isEmpty()) {
      return Map.of();
    }
    Map<String, List<InputTag>> tagsByInput = new HashMap<>();
    for (List<String> chunk : Ids.chunks(rows.stream().map(InputRow::inputUuid).toList())) {
      Queries.query(
              h,
              new SqlWriter()
                  .append("SELECT input_uuid, name, value FROM input_tags WHERE input_uuid IN ")
                  .paramList(chunk)
                  .append(" ORDER BY input_uuid, name"))
          .map(
              (rs, ctx) ->
                  Map.entry(rs.getString(1), new InputTag(rs.getString(2), rs.getString(3))))
          .forEach(
              e ->
                  tagsByInput
                      .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                      .add(e.getValue()));
    }
    Map<String, List<DatasetInput>> result = new HashMap<>();
    for (InputRow row : rows) {
      result
          .computeIfAbsent(row.runId(), k -> new ArrayList<>())
          .add(
              new DatasetInput(
                  tagsByInput.getOrDefault(row.inputUuid(), List.of()), row.dataset()));
    }
    return result;
  }

  static Optional<String> tagValue(Handle h, String runId, String key) {
    return h.createQuery("SELECT value FROM tags WHERE run_uuid = ? AND key = ?")
        .bind(0, runId)
        .bind(1, key)
        .mapTo(String.class)
        .findOne();
  }

  /** Metric history of one key, ordered by step, timestamp, value. */
  static List<Metric> history(Handle h, String runId, String key, long limit, long offset) {
    return h.createQuery(
            "SELECT key, value, timestamp, step, is_nan FROM metrics"
                + " WHERE run_uuid = ? AND key = ?"
                + " ORDER BY step, timestamp, value, is_nan LIMIT ? OFFSET ?")
        .bind(0, runId)
        .bind(1, key)
        .bind(2, limit)
        .bind(3, offset)
        .map((rs, ctx) -> MetricValues.read(rs))
        .list();
  }

  /** History of one key over several runs, ordered by run id, step, timestamp, value. */
  static List<MetricWithRunId> historyOfRuns(
      Handle h, Collection<String> runIds, String key, Long startStep, Long endStep) {
    List<MetricWithRunId> result = new ArrayList<>();
    // Sorted, disjoint chunks each ordered by run id concatenate into one ordered list.
    for (List<String> chunk : Ids.chunks(new TreeSet<>(runIds))) {
      SqlWriter sql =
          new SqlWriter()
              .append(
                  "SELECT run_uuid, key, value, timestamp, step, is_nan FROM metrics"
                      + " WHERE key = ? AND run_uuid IN ",
                  key)
              .paramList(chunk);
      if (startStep != null) {
        sql.append(" AND step >= ?", startStep);
      }
      if (endStep != null) {
        sql.append(" AND step <= ?", endStep);
      }
      sql.append(" ORDER BY run_uuid, step, timestamp, value, is_nan");
      Queries.query(h, sql)
          .map((rs, ctx) -> new MetricWithRunId(rs.getString("run_uuid"), MetricValues.read(rs)))
          .forEach(result::add);
    }
    return result;
  }

  // ---- writes ----

  /**
   * Inserts params that are not logged yet and reports those already logged with another value.
   * Inserting first and comparing afterwards keeps the check right under concurrent writers; the
   * caller aborts the transaction when there are conflicts.
   */
  static List<ParamConflict> insertParams(Handle h, String runId, Collection<Param> params) {
    if (params.isEmpty()) {
      return List.of();
    }
    Map<String, String> wanted = new TreeMap<>();
    for (Param param : params) {
      wanted.putIfAbsent(param.key(), param.value());
    }
    PreparedBatch batch =
        h.prepareBatch(
            "INSERT INTO params (run_uuid, key, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
    for (Map.Entry<String, String> param : wanted.entrySet()) {
      batch.bind(0, runId).bind(1, param.getKey()).bind(2, param.getValue()).add();
    }
    batch.execute();
    Map<String, String> stored = new HashMap<>();
    for (List<String> chunk : Ids.chunks(wanted.keySet())) {
      Queries.query(
              h,
              new SqlWriter()
                  .append("SELECT key, value FROM params WHERE run_uuid = ? AND key IN ", runId)
                  .paramList(chunk))
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
          .forEach(e -> stored.put(e.getKey(), e.getValue()));
    }
    List<ParamConflict> conflicts = new ArrayList<>();
    for (Map.Entry<String, String> param : wanted.entrySet()) {
      String old = stored.get(param.getKey());
      if (!param.getValue().equals(old)) {
        conflicts.add(new ParamConflict(param.getKey(), old, param.getValue()));
      }
    }
    return conflicts;
  }

  /**
   * Appends metrics to the history (identical observations are stored once) and moves each key's
   * latest value forward where the batch holds a newer one.
   */
  static void insertMetrics(Handle h, String runId, Collection<Metric> metrics) {
    if (metrics.isEmpty()) {
      return;
    }
    // Sorted so that concurrent writers of the same observations take row locks in one order.
    Set<StoredMetric> distinct = new TreeSet<>(StoredMetric.ORDER);
    // Sorted by key so that concurrent writers lock latest_metrics rows in the same order.
    Map<String, Metric> latest = new TreeMap<>();
    for (Metric metric : metrics) {
      distinct.add(StoredMetric.of(metric));
      latest.merge(
          metric.key(), metric, (old, now) -> MetricValues.supersedes(now, old) ? now : old);
    }
    PreparedBatch history =
        h.prepareBatch(
            "INSERT INTO metrics (run_uuid, key, step, timestamp, value, is_nan)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    for (StoredMetric m : distinct) {
      history
          .bind(0, runId)
          .bind(1, m.key())
          .bind(2, m.step())
          .bind(3, m.timestamp())
          .bind(4, m.value())
          .bind(5, m.isNan())
          .add();
    }
    history.execute();
    PreparedBatch upsert =
        h.prepareBatch(
            "INSERT INTO latest_metrics (run_uuid, key, value, timestamp, step, is_nan)"
                + " VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (run_uuid, key) DO UPDATE SET value = excluded.value,"
                + " timestamp = excluded.timestamp, step = excluded.step,"
                + " is_nan = excluded.is_nan"
                + " WHERE excluded.step > latest_metrics.step"
                + " OR (excluded.step = latest_metrics.step"
                + " AND excluded.timestamp > latest_metrics.timestamp)"
                + " OR (excluded.step = latest_metrics.step"
                + " AND excluded.timestamp = latest_metrics.timestamp"
                + " AND excluded.value > latest_metrics.value)");
    for (Metric m : latest.values()) {
      upsert
          .bind(0, runId)
          .bind(1, m.key())
          .bind(2, MetricValues.stored(m.value()))
          .bind(3, m.timestamp())
          .bind(4, m.step())
          .bind(5, MetricValues.isNan(m.value()))
          .add();
    }
    upsert.execute();
  }

  private record StoredMetric(String key, long step, long timestamp, double value, boolean isNan) {
    static final java.util.Comparator<StoredMetric> ORDER =
        java.util.Comparator.comparing(StoredMetric::key)
            .thenComparingLong(StoredMetric::step)
            .thenComparingLong(StoredMetric::timestamp)
            .thenComparingDouble(StoredMetric::value)
            .thenComparing(StoredMetric::isNan);

    static StoredMetric of(Metric m) {
      return new StoredMetric(
          m.key(),
          m.step(),
          m.timestamp(),
          MetricValues.stored(m.value()),
          MetricValues.isNan(m.value()));
    }
  }

  /** Sets tags, the last value winning when a key repeats. */
  static void upsertTags(Handle h, String runId, Collection<RunTag> tags) {
    if (tags.isEmpty()) {
      return;
    }
    Map<String, String> byKey = new TreeMap<>();
    for (RunTag tag : tags) {
      byKey.put(tag.key(), tag.value());
    }
    PreparedBatch batch =
        h.prepareBatch(
            "INSERT INTO tags (run_uuid, key, value) VALUES (?, ?, ?)"
                + " ON CONFLICT (run_uuid, key) DO UPDATE SET value = excluded.value");
    for (Map.Entry<String, String> tag : byKey.entrySet()) {
      batch.bind(0, runId).bind(1, tag.getKey()).bindByType(2, tag.getValue(), String.class).add();
    }
    batch.execute();
  }

  static boolean deleteTag(Handle h, String runId, String key) {
    return h.createUpdate("DELETE FROM tags WHERE run_uuid = ? AND key = ?")
            .bind(0, runId)
            .bind(1, key)
            .execute()
        > 0;
  }

  /**
   * Records dataset inputs: a dataset is created once per (experiment, name, digest) and linked to
   * the run once; inputs already linked keep their original tags, as in MLflow. Inserts tolerate a
   * concurrent writer creating the same dataset or link (PostgreSQL).
   */
  static void insertInputs(
      Handle h, long experimentKey, String runId, Collection<DatasetInput> inputs) {
    Map<List<String>, DatasetInput> byNameDigest = new LinkedHashMap<>();
    for (DatasetInput input : inputs) {
      byNameDigest.putIfAbsent(List.of(input.dataset().name(), input.dataset().digest()), input);
    }
    if (byNameDigest.isEmpty()) {
      return;
    }
    Map<List<String>, String> datasetIds = ensureDatasets(h, experimentKey, byNameDigest);

    Set<String> linked =
        new HashSet<>(
            h.createQuery(
                    "SELECT source_id FROM inputs WHERE destination_type = 'RUN'"
                        + " AND destination_id = ? AND source_type = 'DATASET'")
                .bind(0, runId)
                .mapTo(String.class)
                .list());
    Map<String, DatasetInput> newInputs = new LinkedHashMap<>();
    PreparedBatch insertInputs =
        h.prepareBatch(
            "INSERT INTO inputs (input_uuid, source_type, source_id, destination_type,"
                + " destination_id) VALUES (?, 'DATASET', ?, 'RUN', ?) ON CONFLICT DO NOTHING");
    for (Map.Entry<List<String>, DatasetInput> entry : byNameDigest.entrySet()) {
      String datasetId = datasetIds.get(entry.getKey());
      if (linked.add(datasetId)) {
        String inputId = newUuid();
        newInputs.put(inputId, entry.getValue());
        insertInputs.bind(0, inputId).bind(1, datasetId).bind(2, runId).add();
      }
    }
    if (newInputs.isEmpty()) {
      return;
    }
    insertInputs.execute();
    // Only links this transaction created get tags; a concurrent writer's link keeps its own.
    Set<String> created = new HashSet<>();
    for (List<String> chunk : Ids.chunks(newInputs.keySet())) {
      Queries.query(
              h,
              new SqlWriter()
                  .append("SELECT input_uuid FROM inputs WHERE input_uuid IN ")
                  .paramList(chunk))
          .mapTo(String.class)
          .forEach(created::add);
    }
    PreparedBatch insertTags =
        h.prepareBatch("INSERT INTO input_tags (input_uuid, name, value) VALUES (?, ?, ?)");
    for (Map.Entry<String, DatasetInput> input : newInputs.entrySet()) {
      if (!created.contains(input.getKey())) {
        continue;
      }
      Map<String, String> tagsByName = new LinkedHashMap<>();
      input.getValue().tags().forEach(t -> tagsByName.put(t.key(), t.value()));
      tagsByName.forEach(
          (name, value) -> insertTags.bind(0, input.getKey()).bind(1, name).bind(2, value).add());
    }
    if (insertTags.size() > 0) {
      insertTags.execute();
    }
  }

  /** Creates the datasets that do not exist yet and returns the ids of all of them. */
  private static Map<List<String>, String> ensureDatasets(
      Handle h, long experimentKey, Map<List<String>, DatasetInput> byNameDigest) {
    PreparedBatch insert =
        h.prepareBatch(
            "INSERT INTO datasets (dataset_uuid, experiment_id, name, digest, dataset_source_type,"
                + " dataset_source, dataset_schema, dataset_profile)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (experiment_id, name, digest) DO NOTHING");
    for (DatasetInput input : byNameDigest.values()) {
      Dataset d = input.dataset();
      insert
          .bind(0, newUuid())
          .bind(1, experimentKey)
          .bind(2, d.name())
          .bind(3, d.digest())
          .bind(4, d.sourceType())
          .bind(5, d.source())
          .bindByType(6, d.schema(), String.class)
          .bindByType(7, d.profile(), String.class)
          .add();
    }
    insert.execute();
    Set<String> names = new TreeSet<>();
    byNameDigest.keySet().forEach(k -> names.add(k.get(0)));
    Map<List<String>, String> ids = new HashMap<>();
    for (List<String> chunk : Ids.chunks(names)) {
      Queries.query(
              h,
              new SqlWriter()
                  .append(
                      "SELECT dataset_uuid, name, digest FROM datasets WHERE experiment_id = ?"
                          + " AND name IN ",
                      experimentKey)
                  .paramList(chunk))
          .map((rs, ctx) -> Map.entry(List.of(rs.getString(2), rs.getString(3)), rs.getString(1)))
          .forEach(e -> ids.put(e.getKey(), e.getValue()));
    }
    return ids;
  }

  static String newUuid() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
