package dev.mledger.client;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.RunStatus;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.core.validation.TrackingValidation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A started run. Metrics, params and tags are validated on the calling thread (MLflow's rules) and
 * then sent asynchronously in batches; {@link #flush()} waits for them, {@link #close()} flushes
 * and ends the run FINISHED. Errors the server reports for queued data surface from the next {@code
 * flush()} or {@code close()}.
 *
 * <p>Java cannot tell whether {@code close()} runs because of an exception, so mark failures
 * explicitly with {@link #fail(Throwable)}, or start the run with {@link
 * RunBuilder#run(RunAction)}, which does it for you. Thread-safe: several threads may log to one
 * run.
 */
public final class ActiveRun implements AutoCloseable {
  private static final int MAX_FAILURE_TAG_LENGTH = 5000;

  private final Tracker tracker;
  private final RunHandle handle;
  private final String experimentName;
  private final String name;
  private final Map<String, String> loggedParams = new ConcurrentHashMap<>();
  private final AtomicBoolean ended = new AtomicBoolean();

  ActiveRun(Tracker tracker, RunHandle handle, String experimentName, String name) {
    this.tracker = tracker;
    this.handle = handle;
    this.experimentName = experimentName;
    this.name = name;
  }

  /**
   * The run's id: the server's run id, or, for a run started offline, its local id (which {@code
   * mledger sync} maps to a server id later).
   */
  public String id() {
    String runId = handle.runId();
    return runId != null ? runId : handle.clientRunId();
  }

  /** The client of the tracking server this run is recorded on. */
  public MledgerClient client() {
    return tracker.client();
  }

  /** The server's run id; empty for a run started offline. */
  public Optional<String> serverRunId() {
    return Optional.ofNullable(handle.runId());
  }

  /** The client-generated id, stored in tag {@value MledgerClient#CLIENT_RUN_ID_TAG}. */
  public String clientRunId() {
    return handle.clientRunId();
  }

  /** The experiment's id; empty for a run started offline. */
  public Optional<String> experimentId() {
    return Optional.ofNullable(handle.experimentId());
  }

  /** The experiment's name, or null when the run was started by experiment id. */
  public String experimentName() {
    return experimentName;
  }

  /** The requested run name, or null when the server picked one. */
  public String name() {
    return name;
  }

  /** Whether the run is being recorded in the offline spool (from the start or after a failure). */
  public boolean isOffline() {
    return handle.spooled();
  }

  public boolean isEnded() {
    return ended.get();
  }

  RunHandle handle() {
    return handle;
  }

  /** Logs a metric at step 0 (MLflow's default step). */
  public ActiveRun metric(String key, double value) {
    return metric(key, value, 0);
  }

  /** Logs a metric at {@code step}, timestamped now. */
  public ActiveRun metric(String key, double value, long step) {
    Metric metric = new Metric(key, value, System.currentTimeMillis(), step);
    TrackingValidation.validateMetric(metric);
    enqueue(new LogEntry.MetricEntry(handle, metric));
    return this;
  }

  /** Logs several metrics at one step with one timestamp. */
  public ActiveRun metrics(Map<String, ? extends Number> values, long step) {
    long now = System.currentTimeMillis();
    values.forEach(
        (key, value) -> {
          Metric metric = new Metric(key, value.doubleValue(), now, step);
          TrackingValidation.validateMetric(metric);
          enqueue(new LogEntry.MetricEntry(handle, metric));
        });
    return this;
  }

  /**
   * Logs a hyper-parameter (rendered like MLflow's Python client: {@code 0.1}, {@code 1e-05},
   * {@code True}). Params are immutable: re-logging the same value is a no-op.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE if the key was logged with another value
   */
  public ActiveRun param(String key, Object value) {
    Objects.requireNonNull(key, "key");
    if (value == null) {
      throw MledgerException.invalidParameter("Param '" + key + "' has no value (null)");
    }
    Param param = TrackingValidation.validateParam(new Param(key, ParamValues.format(value)));
    String previous = loggedParams.putIfAbsent(param.key(), param.value());
    if (previous != null) {
      if (previous.equals(param.value())) {
        return this;
      }
      // MLflow's message for the same mistake, raised here rather than later in the background.
      throw MledgerException.invalidParameter(
          "Changing param values is not allowed. Param with key='"
              + key
              + "' was already logged with value='"
              + previous
              + "' for run ID='"
              + id()
              + "'. Attempted logging new value '"
              + param.value()
              + "'.");
    }
    enqueue(new LogEntry.ParamEntry(handle, param));
    return this;
  }

  public ActiveRun params(Map<String, ?> values) {
    values.forEach(this::param);
    return this;
  }

  /** Sets a tag; a later value for the same key replaces the earlier one. */
  public ActiveRun tag(String key, String value) {
    RunTag tag =
        TrackingValidation.validateRunTag(
            new RunTag(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value")));
    enqueue(new LogEntry.TagEntry(handle, tag));
    return this;
  }

  /** Records datasets the run used (sent right away, not batched). */
  public ActiveRun inputs(List<DatasetInput> datasets) {
    requireRunning();
    TrackingValidation.validateDatasetInputs(datasets);
    tracker.backend().logInputs(handle, datasets);
    return this;
  }

  /** Describes a nested run (tag {@value MlflowTags#PARENT_RUN_ID}) in the same experiment. */
  public RunBuilder child(String runName) {
    requireRunning();
    return tracker.childOf(this).name(runName);
  }

  /**
   * Waits until everything logged so far has been sent (or spooled).
   *
   * @throws MledgerException the first error the server reported for this run's queued data
   */
  public void flush() {
    tracker.queue().flush();
    MledgerException failure = handle.takeFailure();
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Ends the run FAILED, recording {@code cause} in tag {@value MlflowTags#FAILURE}. Does nothing
   * if the run has ended already.
   */
  public void fail(Throwable cause) {
    if (ended.get()) {
      return;
    }
    tag(MlflowTags.FAILURE, describe(cause));
    end(RunStatus.FAILED);
  }

  /**
   * Flushes and ends the run with a terminal status; later calls do nothing.
   *
   * @throws MledgerException if queued data could not be logged (the run is ended regardless)
   */
  public void end(RunStatus status) {
    if (!status.isTerminal()) {
      throw MledgerException.invalidParameter(
          "A run can only end as FINISHED, FAILED or KILLED, not " + status);
    }
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    try {
      tracker.queue().flush();
      tracker.beforeEnd(this, status);
      tracker.backend().end(handle, status, System.currentTimeMillis());
    } finally {
      tracker.unregister(this);
    }
    MledgerException failure = handle.takeFailure();
    if (failure != null) {
      throw failure;
    }
  }

  /** Ends the run FINISHED unless it has ended already. */
  @Override
  public void close() {
    end(RunStatus.FINISHED);
  }

  private void enqueue(LogEntry.Data entry) {
    requireRunning();
    tracker.queue().add(entry);
  }

  private void requireRunning() {
    if (ended.get()) {
      throw MledgerException.invalidState("Run " + id() + " has ended; nothing more can be logged");
    }
  }

  private static String describe(Throwable cause) {
    StringWriter trace = new StringWriter();
    cause.printStackTrace(new PrintWriter(trace));
    String text = trace.toString();
    return text.length() <= MAX_FAILURE_TAG_LENGTH
        ? text
        : text.substring(0, MAX_FAILURE_TAG_LENGTH - 3) + "...";
  }

  @Override
  public String toString() {
    return "ActiveRun[" + id() + (name == null ? "" : ", " + name) + "]";
  }
}
