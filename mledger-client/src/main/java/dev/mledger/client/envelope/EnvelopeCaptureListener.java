package dev.mledger.client.envelope;

import dev.mledger.client.ActiveRun;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.RunStartContext;
import dev.mledger.client.RunStartListener;
import dev.mledger.core.envelope.DatasetVersion;
import dev.mledger.core.envelope.Envelope;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.InputTag;
import dev.mledger.core.tracking.RunStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Captures every run's envelope automatically (registered through {@link java.util.ServiceLoader},
 * so any {@code Tracker} picks it up). The code version, environment, dependency lock and seed are
 * captured when the run starts; the envelope is stored when the run ends, with the dataset versions
 * the run logged as inputs by then (D_v), because an envelope is write-once.
 *
 * <p>Capture never fails a run: anything that cannot be determined is recorded as unknown with its
 * reason, and a failure to store the envelope is logged as a warning. Set {@code
 * MLEDGER_ENVELOPE=off} (or system property {@code mledger.envelope=off}) to disable it. Runs
 * recorded offline are not given an envelope (the spool does not carry them).
 */
public final class EnvelopeCaptureListener implements RunStartListener {
  private static final System.Logger LOG =
      System.getLogger(EnvelopeCaptureListener.class.getName());

  /** Input tag MLflow uses for how a dataset was used ({@code training}, {@code eval}, ...). */
  static final String DATASET_CONTEXT_TAG = "mlflow.data.context";

  private final Path workingDirectory;
  private final Map<String, String> environment;
  private final ThreadLocal<Long> startingSeed = new ThreadLocal<>();
  private final Map<ActiveRun, Envelope> pending = new ConcurrentHashMap<>();

  /** The listener {@link java.util.ServiceLoader} creates: this process's directory and env. */
  public EnvelopeCaptureListener() {
    this(Path.of("").toAbsolutePath(), System.getenv());
  }

  /**
   * @param workingDirectory where git is asked about the code
   * @param environment variables to read {@code MLEDGER_ENVELOPE} and credentials from
   */
  public EnvelopeCaptureListener(Path workingDirectory, Map<String, String> environment) {
    this.workingDirectory = workingDirectory;
    this.environment = Map.copyOf(environment);
  }

  @Override
  public void beforeStart(RunStartContext context) {
    startingSeed.set(context.seed().isPresent() ? context.seed().getAsLong() : null);
  }

  @Override
  public void afterStart(ActiveRun run) {
    Long seed = startingSeed.get();
    startingSeed.remove();
    if (disabled()) {
      return;
    }
    pending.put(run, EnvelopeCapture.capture(workingDirectory, seed, List.of()));
  }

  @Override
  public void beforeEnd(ActiveRun run, RunStatus status) {
    Envelope captured = pending.remove(run);
    if (captured == null) {
      return;
    }
    if (run.serverRunId().isEmpty()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Run {0} was recorded offline; it gets no reproducibility envelope",
          run.id());
      return;
    }
    String runId = run.serverRunId().get();
    MledgerClient client = run.client();
    Envelope envelope = captured.withDatasets(datasetVersions(client.getRun(runId).inputs()));
    new EnvelopeApiClient(client).put(runId, envelope);
  }

  /** The dataset versions of MLflow dataset inputs, with their usage context when tagged. */
  public static List<DatasetVersion> datasetVersions(List<DatasetInput> inputs) {
    List<DatasetVersion> versions = new ArrayList<>();
    for (DatasetInput input : inputs) {
      String context = null;
      for (InputTag tag : input.tags()) {
        if (DATASET_CONTEXT_TAG.equals(tag.key())) {
          context = tag.value();
        }
      }
      versions.add(
          new DatasetVersion(
              input.dataset().name(), input.dataset().digest(), input.dataset().source(), context));
    }
    return versions;
  }

  private boolean disabled() {
    String value = environment.get("MLEDGER_ENVELOPE");
    if (value == null) {
      value = System.getProperty("mledger.envelope");
    }
    return value != null && (value.equalsIgnoreCase("off") || value.equalsIgnoreCase("false"));
  }
}
