package dev.mledger.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.Experiment;
import dev.mledger.core.tracking.ExperimentTag;
import dev.mledger.core.tracking.LifecycleStage;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.MetricWithRunId;
import dev.mledger.core.tracking.Page;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunInfo;
import dev.mledger.core.tracking.RunStatus;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.core.validation.TrackingValidation;
import dev.mledger.store.ExperimentSearch;
import dev.mledger.store.NewRun;
import dev.mledger.store.RunSearch;
import dev.mledger.store.TrackingStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The tracking store on a JDBC database (SQLite or PostgreSQL), with the semantics of MLflow's
 * SqlAlchemyStore: the same error codes and messages, the same run-name and latest-metric rules.
 */
public final class JdbcTrackingStore implements TrackingStore {
  static final String MLFLOW_RUN_NAME = "mlflow.runName";
  static final String MLFLOW_LOGGED_MODELS = "mlflow.log-model.history";
  static final String DEFAULT_EXPERIMENT_NAME = "Default";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database db;
  private final String defaultArtifactRoot;
  private final Clock clock;
  private final RunNames runNames;
  private final RunSearchQuery runSearch;
  private final ExperimentSearchQuery experimentSearch;

  JdbcTrackingStore(Database db, String defaultArtifactRoot, Clock clock, RandomGenerator random) {
    this.db = db;
    this.defaultArtifactRoot = Objects.requireNonNull(defaultArtifactRoot, "defaultArtifactRoot");
    this.clock = clock;
    this.runNames = new RunNames(random);
    this.runSearch = new RunSearchQuery(db.dialect());
    this.experimentSearch = new ExperimentSearchQuery(db.dialect());
    createDefaultExperiment();
  }

  /** Opens (creating and migrating as needed) the store at {@code location}. */
  public static JdbcTrackingStore open(StoreLocation location, String defaultArtifactRoot) {
    Database db = Database.open(location);
    try {
      return new JdbcTrackingStore(
          db, defaultArtifactRoot, Clock.systemUTC(), RandomGenerator.getDefault());
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private void createDefaultExperiment() {
    long now = clock.millis();
    db.write(
        h ->
            ExperimentDao.insertWithId(
                h,
                Long.parseLong(DEFAULT_EXPERIMENT_ID),
                DEFAULT_EXPERIMENT_NAME,
                ArtifactUris.append(defaultArtifactRoot, DEFAULT_EXPERIMENT_ID),
                now));
  }

  // ---- experiments ----

  @Override
  public String createExperiment(String name, String artifactLocation, List<ExperimentTag> tags) {
    if (name == null || name.isEmpty()) {
      throw MledgerException.invalidParameter("Invalid experiment name: '" + name + "'");
    }
    long now = clock.millis();
    return db.write(
        h -> {
          long id;
          try {
            id = ExperimentDao.insert(h, name, blankToNull(artifactLocation), now);
          } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isUniqueViolation(e)) {
              throw experimentExists(name);
            }
            throw e;
          }
          if (blankToNull(artifactLocation) == null) {
            ExperimentDao.setArtifactLocation(
                h, id, ArtifactUris.append(defaultArtifactRoot, Long.toString(id)));
          }
          ExperimentDao.upsertTags(h, id, tags == null ? List.of() : tags);
          return Long.toString(id);
        });
  }

  @Override
  public Experiment getExperiment(String experimentId) {
    return db.read(
        h -> {
          ExperimentDao.Row row = experimentRow(h, experimentId);
          return row.withTags(ExperimentDao.tags(h, row.id()));
        });
  }

  @Override
  public Optional<Experiment> getExperimentByName(String name) {
    return db.read(
        h ->
            ExperimentDao.findByName(h, name)
                .map(row -> row.withTags(ExperimentDao.tags(h, row.id()))));
  }

  @Override
  public Page<Experiment> searchExperiments(ExperimentSearch search) {
    requirePositive(search.maxResults());
    return db.read(
        h -> {
          List<ExperimentDao.Row> rows =
              Queries.query(h, experimentSearch.build(search))
                  .map((rs, ctx) -> ExperimentDao.map(rs))
                  .list();
          Map<Long, List<ExperimentTag>> tags =
              ExperimentDao.tags(h, rows.stream().map(ExperimentDao.Row::id).toList());
          List<Experiment> experiments =
              rows.stream().map(r -> r.withTags(tags.getOrDefault(r.id(), List.of()))).toList();
          return PageTokens.page(experiments, search.maxResults(), search.offset());
        });
  }

  @Override
  public void renameExperiment(String experimentId, String newName) {
    if (newName == null || newName.isEmpty()) {
      throw MledgerException.invalidParameter("Invalid experiment name: '" + newName + "'");
    }
    long now = clock.millis();
    db.write(
        h -> {
          ExperimentDao.Row row = experimentRow(h, experimentId);
          if (row.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw MledgerException.invalidState("Cannot rename a non-active experiment.");
          }
          try {
            ExperimentDao.rename(h, row.id(), newName, now);
          } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isUniqueViolation(e)) {
              throw experimentExists(newName);
            }
            throw e;
          }
          return null;
        });
  }

  @Override
  public void deleteExperiment(String experimentId) {
    long now = clock.millis();
    db.write(
        h -> {
          ExperimentDao.Row row = experimentRow(h, experimentId);
          if (row.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw noSuchExperiment(experimentId);
          }
          ExperimentDao.setLifecycle(h, row.id(), LifecycleStage.DELETED, now);
          RunDao.setLifecycleOfExperimentRuns(h, row.id(), LifecycleStage.DELETED, now);
          return null;
        });
  }

  @Override
  public void restoreExperiment(String experimentId) {
    long now = clock.millis();
    db.write(
        h -> {
          ExperimentDao.Row row = experimentRow(h, experimentId);
          if (row.lifecycleStage() != LifecycleStage.DELETED) {
            throw noSuchExperiment(experimentId);
          }
          ExperimentDao.setLifecycle(h, row.id(), LifecycleStage.ACTIVE, now);
          RunDao.setLifecycleOfExperimentRuns(h, row.id(), LifecycleStage.ACTIVE, null);
          return null;
        });
  }

  @Override
  public void setExperimentTag(String experimentId, ExperimentTag tag) {
    db.write(
        h -> {
          ExperimentDao.Row row = experimentRow(h, experimentId);
          requireActive(row);
          ExperimentDao.upsertTags(h, row.id(), List.of(tag));
          return null;
        });
  }

  // ---- runs ----

  @Override
  public Run createRun(NewRun newRun) {
    List<RunTag> requestedTags = newRun.tags();
    String nameTag = lastValue(requestedTags, MLFLOW_RUN_NAME);
    String runName = blankToNull(newRun.runName());
    if (runName != null && nameTag != null && !runName.equals(nameTag)) {
      throw MledgerException.invalidParameter(
          "Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different"
              + " values (run_name='"
              + runName
              + "', mlflow.runName='"
              + nameTag
              + "').");
    }
    String name = runName != null ? runName : nameTag != null ? nameTag : runNames.next();
    List<RunTag> tags = new ArrayList<>(requestedTags);
    if (nameTag == null) {
      tags.add(new RunTag(MLFLOW_RUN_NAME, name));
    }
    return db.write(
        h -> {
          ExperimentDao.Row experiment = experimentRow(h, newRun.experimentId());
          requireActive(experiment);
          String runId = RunDataDao.newUuid();
          String experimentRoot =
              experiment.artifactLocation() != null
                  ? experiment.artifactLocation()
                  : ArtifactUris.append(defaultArtifactRoot, Long.toString(experiment.id()));
          RunInfo info =
              new RunInfo(
                  runId,
                  name,
                  Long.toString(experiment.id()),
                  newRun.userId(),
                  RunStatus.RUNNING,
                  newRun.startTime(),
                  null,
                  ArtifactUris.append(experimentRoot, runId, "artifacts"),
                  LifecycleStage.ACTIVE);
          RunDao.insert(h, info, experiment.id());
          RunDataDao.upsertTags(h, runId, tags);
          return new Run(info, RunDataDao.load(h, List.of(runId)).get(runId).data(), List.of());
        });
  }

  @Override
  public Run getRun(String runId) {
    return db.read(
        h -> {
          RunInfo info = runInfo(h, runId);
          RunDataDao.Content content = RunDataDao.load(h, List.of(runId)).get(runId);
          return new Run(info, content.data(), content.inputs());
        });
  }

  @Override
  public RunInfo updateRun(String runId, RunStatus status, Long endTime, String runName) {
    return db.write(
        h -> {
          RunInfo run = activeRun(h, runId);
          String name = blankToNull(runName) != null ? runName : run.runName();
          RunInfo updated =
              new RunInfo(
                  run.runId(),
                  name,
                  run.experimentId(),
                  run.userId(),
                  status != null ? status : run.status(),
                  run.startTime(),
                  endTime != null ? endTime : run.endTime(),
                  run.artifactUri(),
                  run.lifecycleStage());
          RunDao.update(h, updated);
          if (blankToNull(runName) != null) {
            RunDataDao.upsertTags(h, runId, List.of(new RunTag(MLFLOW_RUN_NAME, runName)));
          }
          return updated;
        });
  }

  @Override
  public void deleteRun(String runId) {
    long now = clock.millis();
    db.write(
        h -> {
          runInfo(h, runId);
          RunDao.setLifecycle(h, runId, LifecycleStage.DELETED, now);
          return null;
        });
  }

  @Override
  public void restoreRun(String runId) {
    db.write(
        h -> {
          runInfo(h, runId);
          RunDao.setLifecycle(h, runId, LifecycleStage.ACTIVE, null);
          return null;
        });
  }

  @Override
  public void setTag(String runId, RunTag tag) {
    db.write(
        h -> {
          activeRun(h, runId);
          writeTags(h, runId, List.of(tag));
          return null;
        });
  }

  @Override
  public void deleteTag(String runId, String key) {
    db.write(
        h -> {
          activeRun(h, runId);
          if (!RunDataDao.deleteTag(h, runId, key)) {
            throw MledgerException.notFound(
                "No tag with name: " + key + " in run with id " + runId);
          }
          return null;
        });
  }

  @Override
  public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<RunTag> tags) {
    List<Metric> metricList = metrics == null ? List.of() : metrics;
    List<Param> paramList = params == null ? List.of() : params;
    List<RunTag> tagList = tags == null ? List.of() : tags;
    rejectDuplicateParamKeysWithDifferentValues(paramList);
    db.write(
        h -> {
          activeRun(h, runId);
          List<RunDataDao.ParamConflict> conflicts = RunDataDao.insertParams(h, runId, paramList);
          if (!conflicts.isEmpty()) {
            // Thrown inside the transaction: nothing of the batch is committed.
            throw changedParams(runId, conflicts);
          }
          RunDataDao.insertMetrics(h, runId, metricList);
          writeTags(h, runId, tagList);
          return null;
        });
  }

  @Override
  public void logInputs(String runId, List<DatasetInput> inputs) {
    List<DatasetInput> list = inputs == null ? List.of() : inputs;
    for (DatasetInput input : list) {
      requireComplete(input.dataset());
    }
    db.write(
        h -> {
          RunInfo run = activeRun(h, runId);
          RunDataDao.insertInputs(h, Long.parseLong(run.experimentId()), runId, list);
          return null;
        });
  }

  @Override
  public void recordLoggedModel(String runId, String modelJson) {
    JsonNode model = parseModel(modelJson);
    db.write(
        h -> {
          activeRun(h, runId);
          ArrayNode history =
              loggedModelHistory(runId, RunDataDao.tagValue(h, runId, MLFLOW_LOGGED_MODELS));
          history.add(model);
          // The store builds this value, so it checks MLflow's tag limit itself (as MLflow does).
          RunTag tag =
              TrackingValidation.validateRunTag(
                  new RunTag(MLFLOW_LOGGED_MODELS, history.toString()),
                  TrackingValidation.LongValues.REJECT);
          RunDataDao.upsertTags(h, runId, List.of(tag));
          return null;
        });
  }

  @Override
  public Page<Metric> getMetricHistory(String runId, String key, Integer maxResults, int offset) {
    if (maxResults != null) {
      requirePositive(maxResults);
    }
    if (offset < 0) {
      throw MledgerException.invalidParameter("Invalid page offset " + offset + ".");
    }
    long limit = maxResults == null ? Long.MAX_VALUE : maxResults + 1L;
    List<Metric> rows = db.read(h -> RunDataDao.history(h, runId, key, limit, offset));
    return maxResults == null ? new Page<>(rows, null) : PageTokens.page(rows, maxResults, offset);
  }

  @Override
  public List<MetricWithRunId> getMetricHistoryBulkInterval(
      List<String> runIds, String key, Long startStep, Long endStep) {
    if (runIds == null || runIds.isEmpty()) {
      return List.of();
    }
    return db.read(h -> RunDataDao.historyOfRuns(h, runIds, key, startStep, endStep));
  }

  @Override
  public Page<Run> searchRuns(RunSearch search) {
    requirePositive(search.maxResults());
    return db.read(
        h -> {
          List<String> ids = Queries.query(h, runSearch.build(search)).mapTo(String.class).list();
          List<RunInfo> infos = RunDao.findAll(h, ids);
          Map<String, RunDataDao.Content> content =
              RunDataDao.load(h, infos.stream().map(RunInfo::runId).toList());
          List<Run> runs = new ArrayList<>(infos.size());
          for (RunInfo info : infos) {
            RunDataDao.Content c = content.get(info.runId());
            runs.add(new Run(info, c.data(), c.inputs()));
          }
          return PageTokens.page(runs, search.maxResults(), search.offset());
        });
  }

  @Override
  public void close() {
    db.close();
  }

  // ---- helpers ----

  private ExperimentDao.Row experimentRow(Handle h, String experimentId) {
    OptionalLong key = Ids.experimentKey(experimentId);
    if (key.isEmpty()) {
      throw noSuchExperiment(experimentId);
    }
    return ExperimentDao.find(h, key.getAsLong()).orElseThrow(() -> noSuchExperiment(experimentId));
  }

  private static RunInfo runInfo(Handle h, String runId) {
    return RunDao.find(h, runId)
        .orElseThrow(() -> MledgerException.notFound("Run with id=" + runId + " not found"));
  }

  private static RunInfo activeRun(Handle h, String runId) {
    RunInfo run = runInfo(h, runId);
    if (run.lifecycleStage() != LifecycleStage.ACTIVE) {
      // MLflow answers INVALID_PARAMETER_VALUE here, not INVALID_STATE; clients see that code.
      throw MledgerException.invalidParameter(
          "The run "
              + runId
              + " must be in the 'active' state. Current state is "
              + run.lifecycleStage().wireName()
              + ".");
    }
    return run;
  }

  private static void requireActive(ExperimentDao.Row experiment) {
    if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
      throw MledgerException.invalidParameter(
          "The experiment "
              + experiment.id()
              + " must be in the 'active' state. Current state is "
              + experiment.lifecycleStage().wireName()
              + ".");
    }
  }

  /** Sets run tags, keeping the run's name column in step with its mlflow.runName tag. */
  private static void writeTags(Handle h, String runId, List<RunTag> tags) {
    List<RunTag> plain = new ArrayList<>(tags.size());
    for (RunTag tag : tags) {
      if (MLFLOW_RUN_NAME.equals(tag.key())) {
        // As MLflow's set_tag -> update_run_info: an empty name changes nothing.
        if (blankToNull(tag.value()) != null) {
          RunDao.setName(h, runId, tag.value());
          plain.add(tag);
        }
      } else {
        plain.add(tag);
      }
    }
    RunDataDao.upsertTags(h, runId, plain);
  }

  private static void rejectDuplicateParamKeysWithDifferentValues(List<Param> params) {
    Map<String, String> seen = new LinkedHashMap<>();
    Set<String> duplicates = new LinkedHashSet<>();
    for (Param param : params) {
      String previous = seen.putIfAbsent(param.key(), param.value());
      if (previous != null && !previous.equals(param.value())) {
        duplicates.add(param.key());
      }
    }
    if (!duplicates.isEmpty()) {
      throw MledgerException.invalidParameter(
          "Duplicate parameter keys have been submitted: "
              + PythonRepr.of(List.copyOf(duplicates))
              + ". Please ensure the request contains only one param value per param key.");
    }
  }

  private static MledgerException changedParams(
      String runId, List<RunDataDao.ParamConflict> conflicts) {
    List<Map<String, String>> rendered = new ArrayList<>();
    for (RunDataDao.ParamConflict c : conflicts) {
      Map<String, String> entry = new LinkedHashMap<>();
      entry.put("key", c.key());
      entry.put("old_value", c.oldValue());
      entry.put("new_value", c.newValue());
      rendered.add(entry);
    }
    return MledgerException.invalidParameter(
        "Changing param values is not allowed. Params were already logged='"
            + PythonRepr.of(rendered)
            + "' for run ID='"
            + runId
            + "'.");
  }

  private static JsonNode parseModel(String modelJson) {
    JsonNode model;
    try {
      model = modelJson == null ? null : JSON.readTree(modelJson);
    } catch (JsonProcessingException e) {
      throw MledgerException.invalidParameter("Invalid model JSON: " + e.getOriginalMessage());
    }
    if (model == null || !model.isObject()) {
      throw MledgerException.invalidParameter("Invalid model JSON: expected a JSON object.");
    }
    return model;
  }

  private static ArrayNode loggedModelHistory(String runId, Optional<String> current) {
    if (current.isEmpty() || current.get().isBlank()) {
      return JSON.createArrayNode();
    }
    try {
      JsonNode node = JSON.readTree(current.get());
      if (node instanceof ArrayNode array) {
        return array;
      }
    } catch (JsonProcessingException e) {
      // fall through: the existing value is reported below rather than overwritten
    }
    throw new MledgerException(
        ErrorCode.INVALID_STATE,
        "The "
            + MLFLOW_LOGGED_MODELS
            + " tag of run "
            + runId
            + " is not a JSON array; refusing to overwrite it.");
  }

  private static void requireComplete(Dataset dataset) {
    if (dataset == null) {
      throw MledgerException.invalidParameter(
          "Dataset input must have a dataset associated with it.");
    }
    requireField(dataset.name(), "name");
    requireField(dataset.digest(), "digest");
    requireField(dataset.sourceType(), "source_type");
    requireField(dataset.source(), "source");
  }

  private static void requireField(String value, String field) {
    if (value == null || value.isEmpty()) {
      throw MledgerException.invalidParameter("Dataset " + field + " must be specified.");
    }
  }

  private static void requirePositive(int maxResults) {
    if (maxResults < 1) {
      throw MledgerException.invalidParameter(
          "Invalid value for max_results. It must be a positive integer, but got " + maxResults);
    }
  }

  private static MledgerException noSuchExperiment(String experimentId) {
    return MledgerException.notFound("No Experiment with id=" + experimentId + " exists");
  }

  private static MledgerException experimentExists(String name) {
    return MledgerException.alreadyExists("Experiment(name=" + name + ") already exists.");
  }

  private static String lastValue(List<RunTag> tags, String key) {
    String value = null;
    for (RunTag tag : tags) {
      if (key.equals(tag.key())) {
        value = tag.value();
      }
    }
    return blankToNull(value);
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
