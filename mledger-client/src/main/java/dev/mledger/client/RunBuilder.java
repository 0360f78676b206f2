package dev.mledger.client;

import dev.mledger.core.error.MledgerException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Describes a run before it starts; obtained from {@link Tracking#start}, {@link Tracker#start} or
 * {@link ActiveRun#child}. Finish with {@link #begin()} (for try-with-resources) or with {@link
 * #run(RunAction)} / {@link #call(RunFunction)}, which also end the run FAILED when the body
 * throws.
 *
 * <pre>{@code
 * try (ActiveRun run = Tracking.start("churn").name("gbm").param("lr", 0.1).seed(42).begin()) {
 *   run.metric("auc", 0.91);
 * }
 * }</pre>
 */
public final class RunBuilder {
  private final Tracker tracker;
  private final String experimentName;
  private final String experimentId;
  private final ActiveRun parent;
  private final Map<String, String> tags = new LinkedHashMap<>();
  private final Map<String, Object> params = new LinkedHashMap<>();
  private String name;
  private String description;
  private Long seed;
  private Long startTime;

  RunBuilder(Tracker tracker, String experimentName, String experimentId, ActiveRun parent) {
    this.tracker = tracker;
    this.experimentName = experimentName;
    this.experimentId = experimentId;
    this.parent = parent;
  }

  /** The run's display name; without one the server picks a name such as {@code bold-owl-42}. */
  public RunBuilder name(String runName) {
    this.name = Objects.requireNonNull(runName, "runName");
    return this;
  }

  /** A description, shown as the run's notes in the UI ({@code mlflow.note.content}). */
  public RunBuilder description(String text) {
    this.description = Objects.requireNonNull(text, "text");
    return this;
  }

  public RunBuilder tag(String key, String value) {
    tags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  public RunBuilder tags(Map<String, String> values) {
    values.forEach(this::tag);
    return this;
  }

  /**
   * A hyper-parameter, rendered as MLflow's Python client renders it ({@code 0.1}, {@code 1e-05},
   * {@code True}).
   */
  public RunBuilder param(String key, Object value) {
    params.put(Objects.requireNonNull(key, "key"), requireValue(key, value));
    return this;
  }

  public RunBuilder params(Map<String, ?> values) {
    values.forEach(this::param);
    return this;
  }

  /**
   * The random seed of the run: logged as param {@code seed} and tag {@value MlflowTags#SEED}, and
   * handed to {@link RunStartListener}s.
   */
  public RunBuilder seed(long value) {
    this.seed = value;
    return this;
  }

  /** Start time in epoch milliseconds (default: now), e.g. for runs imported after the fact. */
  public RunBuilder startTime(long epochMillis) {
    this.startTime = epochMillis;
    return this;
  }

  /**
   * Creates the run and returns it RUNNING; close it (try-with-resources) to end it FINISHED.
   *
   * @throws MledgerException if the server rejects the run (and it cannot be spooled)
   */
  public ActiveRun begin() {
    Map<String, String> paramValues = new LinkedHashMap<>();
    params.forEach((key, value) -> paramValues.put(key, ParamValues.format(value)));
    if (seed != null) {
      paramValues.putIfAbsent("seed", Long.toString(seed));
    }
    Map<String, String> allTags = new LinkedHashMap<>(tracker.defaultTags());
    allTags.putAll(tags);
    if (name != null) {
      allTags.put(MlflowTags.RUN_NAME, name);
    }
    if (description != null) {
      allTags.put(MlflowTags.NOTE, description);
    }
    if (seed != null) {
      allTags.put(MlflowTags.SEED, Long.toString(seed));
    }
    return tracker.begin(
        new Tracker.RunRequest(
            experimentName, experimentId, name, startTime, seed, parent, allTags, paramValues));
  }

  /**
   * Runs {@code body} in a new run: FINISHED if it returns, FAILED (with the exception recorded in
   * tag {@value MlflowTags#FAILURE}) if it throws. The exception is rethrown, checked ones wrapped
   * in {@link RunFailedException}.
   */
  public void run(RunAction body) {
    call(
        run -> {
          body.accept(run);
          return null;
        });
  }

  /** Like {@link #run(RunAction)}, returning the body's result. */
  public <T> T call(RunFunction<T> body) {
    ActiveRun run = begin();
    T result;
    try {
      result = body.apply(run);
    } catch (RuntimeException | Error e) {
      failQuietly(run, e);
      throw e;
    } catch (Exception e) {
      failQuietly(run, e);
      throw new RunFailedException(run.id(), e);
    }
    run.close();
    return result;
  }

  /** Ends the run FAILED; a failure to do so must not hide the body's own exception. */
  private static void failQuietly(ActiveRun run, Throwable cause) {
    try {
      run.fail(cause);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private static Object requireValue(String key, Object value) {
    if (value == null) {
      throw MledgerException.invalidParameter("Param '" + key + "' has no value (null)");
    }
    return value;
  }
}
