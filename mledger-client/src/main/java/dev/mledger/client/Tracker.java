package dev.mledger.client;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.RunStatus;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.core.validation.TrackingValidation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts runs and carries what they log to a tracking server — or, offline, to a spool directory
 * that {@code mledger sync} uploads later. One tracker owns one background sender with a bounded
 * queue; share it across threads. {@link Tracking} holds a default tracker configured from the
 * environment; build your own for explicit configuration:
 *
 * <pre>{@code
 * try (Tracker tracker = Tracker.builder().trackingUri("http://mledger:5000").build();
 *     ActiveRun run = tracker.start("churn").param("lr", 0.1).begin()) {
 *   run.metric("auc", 0.91);
 * }
 * }</pre>
 *
 * <p>Offline behaviour: with {@code MLEDGER_OFFLINE=1} (or {@link Builder#offline}) every run goes
 * to the spool; otherwise a run whose server stays unreachable beyond the client's {@link
 * RetryPolicy} continues in the spool (unless {@link Builder#fallbackToSpool} is off), so no data
 * is lost to an outage.
 */
public final class Tracker implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Tracker.class.getName());

  /** Tag linking a nested run to its parent. */
  static final String PARENT_RUN_ID_TAG = MlflowTags.PARENT_RUN_ID;

  private final MledgerClient client;
  private final boolean ownsClient;
  private final Spool spool;
  private final TrackingBackend backend;
  private final LogQueue queue;
  private final List<RunStartListener> listeners;
  private final Map<String, String> defaultTags;
  private final Set<ActiveRun> openRuns = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private Tracker(Builder b, MledgerClient client, boolean ownsClient, boolean offline) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.spool = new Spool(b.spoolDirectory);
    this.backend = new TrackingBackend(client, spool, offline, b.fallbackToSpool);
    this.queue = new LogQueue(b.queueCapacity, b.enqueueTimeout, b.linger, backend::logBatch);
    this.listeners = List.copyOf(b.listeners);
    this.defaultTags = defaultTags();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Describes a run in the experiment named {@code experimentName} (created if missing). */
  public RunBuilder start(String experimentName) {
    TrackingValidation.validateExperimentName(Objects.requireNonNull(experimentName, "name"));
    return new RunBuilder(this, experimentName, null, null);
  }

  /** Describes a run in the existing experiment with id {@code experimentId}. */
  public RunBuilder startInExperiment(String experimentId) {
    return new RunBuilder(this, null, Objects.requireNonNull(experimentId, "experimentId"), null);
  }

  /** Whether every run goes to the offline spool. */
  public boolean isOffline() {
    return backend.offline();
  }

  /** Where offline runs are journaled. */
  public Path spoolDirectory() {
    return spool.directory();
  }

  /** The client behind this tracker; null for an offline tracker. */
  public MledgerClient client() {
    return client;
  }

  /** Waits until everything logged so far, by any run, has been sent or spooled. */
  public void flush() {
    queue.flush();
  }

  /**
   * Ends runs still open as FINISHED (as MLflow's client does at exit), sends everything queued and
   * stops the background sender. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (ActiveRun run : List.copyOf(openRuns)) {
      try {
        run.end(RunStatus.FINISHED);
      } catch (MledgerException e) {
        LOG.log(
            System.Logger.Level.WARNING, "Could not end run {0}: {1}", run.id(), e.getMessage());
      }
    }
    queue.close();
    if (ownsClient && client != null) {
      client.close();
    }
  }

  // ---- used by RunBuilder and ActiveRun ----

  /** Everything {@link RunBuilder} collected. */
  record RunRequest(
      String experimentName,
      String experimentId,
      String runName,
      Long startTime,
      Long seed,
      ActiveRun parent,
      Map<String, String> tags,
      Map<String, String> params) {}

  ActiveRun begin(RunRequest request) {
    if (closed) {
      throw MledgerException.invalidState("The tracker is closed; no new runs can start");
    }
    Map<String, String> tags = new LinkedHashMap<>(request.tags());
    Map<String, String> params = new LinkedHashMap<>(request.params());
    RunStartContext context =
        new RunStartContext(
            request.experimentName(),
            request.runName(),
            request.seed(),
            request.parent(),
            tags,
            params);
    for (RunStartListener listener : listeners) {
      try {
        listener.beforeStart(context);
      } catch (RuntimeException e) {
        warnListener(listener, e);
      }
    }
    String clientRunId = UUID.randomUUID().toString().replace("-", "");
    tags.put(MledgerClient.CLIENT_RUN_ID_TAG, clientRunId);
    List<RunTag> runTags = new ArrayList<>();
    tags.forEach((k, v) -> runTags.add(TrackingValidation.validateRunTag(new RunTag(k, v))));
    RunHandle parentHandle = request.parent() == null ? null : request.parent().handle();
    RunHandle handle = new RunHandle(clientRunId, parentHandle);
    if (parentHandle != null) {
      handle.experimentId(parentHandle.experimentId());
    }
    backend.create(
        handle,
        new TrackingBackend.RunSpec(
            request.experimentName(),
            request.experimentId() != null ? request.experimentId() : handle.experimentId(),
            request.runName(),
            request.startTime() != null ? request.startTime() : System.currentTimeMillis(),
            tags.get(MlflowTags.USER),
            runTags));
    ActiveRun run = new ActiveRun(this, handle, request.experimentName(), request.runName());
    openRuns.add(run);
    params.forEach(run::param);
    for (RunStartListener listener : listeners) {
      try {
        listener.afterStart(run);
      } catch (RuntimeException e) {
        warnListener(listener, e);
      }
    }
    return run;
  }

  RunBuilder childOf(ActiveRun parent) {
    return new RunBuilder(
        this, parent.experimentName(), parent.experimentId().orElse(null), parent);
  }

  TrackingBackend backend() {
    return backend;
  }

  LogQueue queue() {
    return queue;
  }

  void unregister(ActiveRun run) {
    openRuns.remove(run);
  }

  Map<String, String> defaultTags() {
    if (defaultTags != null) {
      return defaultTags;
    }
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(MlflowTags.USER, System.getProperty("user.name", "unknown"));
    tags.put(MlflowTags.SOURCE_NAME, sourceName());
    tags.put(MlflowTags.SOURCE_TYPE, "LOCAL");
    return Map.copyOf(tags);
  }

  /** The program's main class or jar, as {@code sun.java.command} names it. */
  private static String sourceName() {
    String command = System.getProperty("sun.java.command", "").strip();
    if (command.isEmpty()) {
      return "java";
    }
    int space = command.indexOf(' ');
    return space < 0 ? command : command.substring(0, space);
  }

  void beforeEnd(ActiveRun run, RunStatus status) {
    for (RunStartListener listener : listeners) {
      try {
        listener.beforeEnd(run, status);
      } catch (RuntimeException e) {
        warnListener(listener, e);
      }
    }
  }

  private static void warnListener(RunStartListener listener, RuntimeException e) {
    LOG.log(
        System.Logger.Level.WARNING,
        "Run start listener {0} failed; the run starts without it: {1}",
        listener.getClass().getName(),
        e.toString());
  }

  /**
   * Configures a {@link Tracker}. Unset settings come from the environment: the tracking server and
   * credentials as for {@link MledgerClient.Builder}; {@code MLEDGER_OFFLINE} ({@code 1}/{@code
   * true}/{@code yes}) for offline mode; {@code MLEDGER_SPOOL_DIR} for the spool (default {@code
   * ~/.mledger/spool}).
   */
  public static final class Builder {
    private MledgerClient client;
    private String trackingUri;
    private RetryPolicy retryPolicy;
    private Boolean offline;
    private Path spoolDirectory;
    private boolean fallbackToSpool = true;
    private int queueCapacity = 10_000;
    private Duration enqueueTimeout = Duration.ofSeconds(60);
    private Duration linger = Duration.ofMillis(200);
    private final List<RunStartListener> listeners = new ArrayList<>();
    private boolean discoverListeners = true;
    private Map<String, String> environment = System.getenv();

    private Builder() {}

    /** Uses this client (which the tracker does not close) instead of building one. */
    public Builder client(MledgerClient value) {
      this.client = Objects.requireNonNull(value, "client");
      return this;
    }

    public Builder trackingUri(String uri) {
      this.trackingUri = Objects.requireNonNull(uri, "uri");
      return this;
    }

    /** The retry budget before a run falls back to the spool (ignored with {@link #client}). */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Records every run in the spool without contacting a server. */
    public Builder offline(boolean value) {
      this.offline = value;
      return this;
    }

    public Builder spoolDirectory(Path directory) {
      this.spoolDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Whether a run continues in the spool when the server stays unreachable (default true); when
     * false, the {@link ServerUnavailableException} reaches the caller (or the next flush).
     */
    public Builder fallbackToSpool(boolean value) {
      this.fallbackToSpool = value;
      return this;
    }

    /** How many metrics/params/tags may wait to be sent (default 10,000). */
    public Builder queueCapacity(int entries) {
      if (entries < 1) {
        throw new IllegalArgumentException("queue capacity must be at least 1");
      }
      this.queueCapacity = entries;
      return this;
    }

    /**
     * How long a logging call may block on a full queue before failing with RESOURCE_EXHAUSTED
     * (default 60 s).
     */
    public Builder enqueueTimeout(Duration timeout) {
      this.enqueueTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** How long the sender waits for more data to fill a batch (default 200 ms). */
    public Builder linger(Duration value) {
      this.linger = Objects.requireNonNull(value, "linger");
      return this;
    }

    public Builder listener(RunStartListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Whether to add {@link RunStartListener}s found by {@link ServiceLoader} (default true). */
    public Builder discoverListeners(boolean value) {
      this.discoverListeners = value;
      return this;
    }

    /** The variables to read instead of the process environment. */
    public Builder environment(Map<String, String> variables) {
      this.environment = Map.copyOf(variables);
      return this;
    }

    public Tracker build() {
      boolean isOffline = offline != null ? offline : truthy(environment.get("MLEDGER_OFFLINE"));
      if (spoolDirectory == null) {
        spoolDirectory = Spool.defaultDirectory(environment);
      }
      if (discoverListeners) {
        ServiceLoader.load(RunStartListener.class).forEach(listeners::add);
      }
      MledgerClient effective = client;
      boolean owns = false;
      if (effective == null && !isOffline) {
        MledgerClient.Builder b = MledgerClient.builder().environment(environment);
        if (trackingUri != null) {
          b.trackingUri(trackingUri);
        }
        if (retryPolicy != null) {
          b.retryPolicy(retryPolicy);
        }
        effective = b.build();
        owns = true;
      }
      return new Tracker(this, effective, owns, isOffline);
    }

    private static boolean truthy(String value) {
      if (value == null) {
        return false;
      }
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "1", "true", "yes", "on" -> true;
        default -> false;
      };
    }
  }
}
