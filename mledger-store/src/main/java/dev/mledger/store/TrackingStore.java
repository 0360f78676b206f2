package dev.mledger.store;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.Experiment;
import dev.mledger.core.tracking.ExperimentTag;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.MetricWithRunId;
import dev.mledger.core.tracking.Page;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunInfo;
import dev.mledger.core.tracking.RunStatus;
import dev.mledger.core.tracking.RunTag;
import java.util.List;
import java.util.Optional;

/**
 * Storage SPI for experiment tracking. Every method is one transaction. Failures are reported as
 * {@link MledgerException} with MLflow's error codes (RESOURCE_DOES_NOT_EXIST for unknown ids,
 * RESOURCE_ALREADY_EXISTS for duplicate experiment names, INVALID_PARAMETER_VALUE for a changed
 * param value and, as MLflow's SqlAlchemyStore answers, for writes to a deleted run or experiment
 * ("The run ... must be in the 'active' state. Current state is deleted."), INVALID_STATE for
 * renaming a deleted experiment). Input shape (key syntax, lengths, batch sizes) is validated
 * before the store is called.
 */
public interface TrackingStore extends AutoCloseable {

  /**
   * Id of the experiment MLflow clients fall back to ("0", named "Default"); created on first
   * start.
   */
  String DEFAULT_EXPERIMENT_ID = "0";

  // ---- experiments ----

  /** Creates an experiment; a null artifact location means "{default root}/{experiment id}". */
  String createExperiment(String name, String artifactLocation, List<ExperimentTag> tags);

  Experiment getExperiment(String experimentId);

  Optional<Experiment> getExperimentByName(String name);

  Page<Experiment> searchExperiments(ExperimentSearch search);

  void renameExperiment(String experimentId, String newName);

  /** Soft-deletes the experiment and its runs. */
  void deleteExperiment(String experimentId);

  void restoreExperiment(String experimentId);

  void setExperimentTag(String experimentId, ExperimentTag tag);

  // ---- runs ----

  Run createRun(NewRun run);

  Run getRun(String runId);

  /** Updates status, end time and/or name; null arguments leave the field unchanged. */
  RunInfo updateRun(String runId, RunStatus status, Long endTime, String runName);

  void deleteRun(String runId);

  void restoreRun(String runId);

  void setTag(String runId, RunTag tag);

  void deleteTag(String runId, String key);

  /**
   * Logs metrics, params and tags atomically: all of them or none. Re-logging a param with the same
   * value is a no-op; a different value fails the whole batch.
   */
  void logBatch(String runId, List<Metric> metrics, List<Param> params, List<RunTag> tags);

  void logInputs(String runId, List<DatasetInput> inputs);

  /**
   * Appends one logged-model JSON document to the run's {@code mlflow.log-model.history} tag (a
   * JSON array), atomically.
   */
  void recordLoggedModel(String runId, String modelJson);

  /** Metric history ordered by (step, timestamp, value); {@code maxResults} null means all. */
  Page<Metric> getMetricHistory(String runId, String key, Integer maxResults, int offset);

  /**
   * History of one metric for several runs, restricted to steps in [startStep, endStep] (nulls mean
   * unbounded), ordered by run id, step, timestamp. Down-sampling is the caller's job.
   */
  List<MetricWithRunId> getMetricHistoryBulkInterval(
      List<String> runIds, String key, Long startStep, Long endStep);

  Page<Run> searchRuns(RunSearch search);

  @Override
  void close();
}
