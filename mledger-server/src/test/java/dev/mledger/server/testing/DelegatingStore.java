package dev.mledger.server.testing;

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
import dev.mledger.store.ExperimentSearch;
import dev.mledger.store.NewRun;
import dev.mledger.store.RunSearch;
import dev.mledger.store.TrackingStore;
import java.util.List;
import java.util.Optional;

/** A real store with a hook in front of {@link #getRun}, to inject faults and delays in tests. */
public class DelegatingStore implements TrackingStore {
  private final TrackingStore delegate;

  public DelegatingStore(TrackingStore delegate) {
    this.delegate = delegate;
  }

  /** Called before each {@link #getRun}; may block or throw. */
  protected void beforeGetRun(String runId) {}

  @Override
  public Run getRun(String runId) {
    beforeGetRun(runId);
    return delegate.getRun(runId);
  }

  @Override
  public String createExperiment(String name, String artifactLocation, List<ExperimentTag> tags) {
    return delegate.createExperiment(name, artifactLocation, tags);
  }

  @Override
  public Experiment getExperiment(String experimentId) {
    return delegate.getExperiment(experimentId);
  }

  @Override
  public Optional<Experiment> getExperimentByName(String name) {
    return delegate.getExperimentByName(name);
  }

  @Override
  public Page<Experiment> searchExperiments(ExperimentSearch search) {
    return delegate.searchExperiments(search);
  }

  @Override
  public void renameExperiment(String experimentId, String newName) {
    delegate.renameExperiment(experimentId, newName);
  }

  @Override
  public void deleteExperiment(String experimentId) {
    delegate.deleteExperiment(experimentId);
  }

  @Override
  public void restoreExperiment(String experimentId) {
    delegate.restoreExperiment(experimentId);
  }

  @Override
  public void setExperimentTag(String experimentId, ExperimentTag tag) {
    delegate.setExperimentTag(experimentId, tag);
  }

  @Override
  public Run createRun(NewRun run) {
    return delegate.createRun(run);
  }

  @Override
  public RunInfo updateRun(String runId, RunStatus status, Long endTime, String runName) {
    return delegate.updateRun(runId, status, endTime, runName);
  }

  @Override
  public void deleteRun(String runId) {
    delegate.deleteRun(runId);
  }

  @Override
  public void restoreRun(String runId) {
    delegate.restoreRun(runId);
  }

  @Override
  public void setTag(String runId, RunTag tag) {
    delegate.setTag(runId, tag);
  }

  @Override
  public void deleteTag(String runId, String key) {
    delegate.deleteTag(runId, key);
  }

  @Override
  public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<RunTag> tags) {
    delegate.logBatch(runId, metrics, params, tags);
  }

  @Override
  public void logInputs(String runId, List<DatasetInput> inputs) {
    delegate.logInputs(runId, inputs);
  }

  @Override
  public void recordLoggedModel(String runId, String modelJson) {
    delegate.recordLoggedModel(runId, modelJson);
  }

  @Override
  public Page<Metric> getMetricHistory(String runId, String key, Integer maxResults, int offset) {
    return delegate.getMetricHistory(runId, key, maxResults, offset);
  }

  @Override
  public List<MetricWithRunId> getMetricHistoryBulkInterval(
      List<String> runIds, String key, Long startStep, Long endStep) {
    return delegate.getMetricHistoryBulkInterval(runIds, key, startStep, endStep);
  }

  @Override
  public Page<Run> searchRuns(RunSearch search) {
    return delegate.searchRuns(search);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
