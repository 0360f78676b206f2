package dev.mledger.client.envelope;

import dev.mledger.core.envelope.DatasetVersion;
import dev.mledger.core.envelope.Envelope;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Captures a reproducibility envelope from the running process: code version ({@link GitProbe}),
 * environment ({@link HostProbe}) and dependency lock ({@link ClassPathLock}), plus the seed and
 * dataset versions the caller knows. Capture never fails: whatever cannot be determined is recorded
 * as unknown, with the reason in {@link Envelope#captureErrors()}.
 *
 * <pre>{@code
 * Envelope e = EnvelopeCapture.capture(Path.of("."), 42L, List.of(trainV1));
 * }</pre>
 */
public final class EnvelopeCapture {

  // The machine does not change while the process runs; probing it (nvidia-smi may take a while)
  // once keeps every later capture fast.
  private static final AtomicReference<HostProbe.Capture> HOST = new AtomicReference<>();

  private EnvelopeCapture() {}

  private static HostProbe.Capture host() {
    HostProbe.Capture host = HOST.get();
    if (host == null) {
      host = HostProbe.capture();
      HOST.compareAndSet(null, host);
    }
    return host;
  }

  /**
   * @param workingDirectory where to ask git about the code (normally the process's directory)
   * @param seed the run's seed, or null if it has none
   * @param datasets the dataset versions the run used
   */
  public static Envelope capture(
      Path workingDirectory, Long seed, Collection<DatasetVersion> datasets) {
    Map<String, String> errors = new TreeMap<>();
    GitProbe.Capture git = GitProbe.capture(workingDirectory);
    if (git.error() != null) {
      errors.put("code", git.error());
    }
    HostProbe.Capture host = host();
    errors.putAll(host.errors());
    ClassPathLock.Capture lock = ClassPathLock.ofCurrentClassPath();
    if (lock.error() != null) {
      errors.put("dependencies", lock.error());
    }
    return new Envelope(
        List.copyOf(datasets),
        git.code(),
        host.environment(),
        seed,
        lock.lock(),
        List.of(),
        errors);
  }

  /** Captures with the process's working directory. */
  public static Envelope capture(Long seed, Collection<DatasetVersion> datasets) {
    return capture(Path.of("").toAbsolutePath(), seed, datasets);
  }
}
