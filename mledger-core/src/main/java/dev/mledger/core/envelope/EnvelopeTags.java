package dev.mledger.core.envelope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MLflow run tags that mirror an envelope, so that MLflow clients and searches see it: {@code
 * tags.`mledger.envelope.git_dirty` = 'true'}. The envelope itself is stored as a run-level object
 * (native API {@code /api/v1/runs/{run_id}/envelope}); these tags are a read-only summary of it,
 * rewritten whenever the envelope is stored, and {@link #FINGERPRINT} ties them to it.
 */
public final class EnvelopeTags {

  /** MLflow's run tag value limit ({@code MAX_TAG_VAL_LENGTH}). */
  public static final int MAX_TAG_VALUE_LENGTH = 8000;

  /** Common prefix of every envelope tag. */
  public static final String PREFIX = "mledger.envelope.";

  public static final String FINGERPRINT = PREFIX + "fingerprint";
  public static final String COMPLETE = PREFIX + "complete";
  public static final String MISSING = PREFIX + "missing";
  public static final String GIT_COMMIT = PREFIX + "git_commit";
  public static final String GIT_DIRTY = PREFIX + "git_dirty";
  public static final String GIT_DIFF_SHA256 = PREFIX + "git_diff_sha256";
  public static final String SEED = PREFIX + "seed";
  public static final String DATASETS = PREFIX + "datasets";
  public static final String HOST = PREFIX + "host";
  public static final String JAVA = PREFIX + "java";
  public static final String OS = PREFIX + "os";
  public static final String CPU = PREFIX + "cpu";
  public static final String MEMORY_BYTES = PREFIX + "memory_bytes";
  public static final String GPU = PREFIX + "gpu";
  public static final String DEPS_FINGERPRINT = PREFIX + "deps_fingerprint";
  public static final String ENVIRONMENT_FINGERPRINT = PREFIX + "environment_fingerprint";
  public static final String ARTIFACTS = PREFIX + "artifacts";

  /** Value of a part that could not be determined. */
  public static final String UNKNOWN = "unknown";

  /** Value of {@link #GPU}, {@link #DATASETS}, {@link #ARTIFACTS} or {@link #MISSING} if empty. */
  public static final String NONE = "none";

  private static final String TRUNCATED = " [truncated]";

  private EnvelopeTags() {}

  /**
   * The tags that mirror {@code envelope}, in a stable order; every value fits MLflow's tag value
   * limit (long lists are cut and marked {@code [truncated]}; the envelope keeps them whole).
   */
  public static Map<String, String> toTags(Envelope envelope) {
    List<String> missing = envelope.missing();
    CodeVersion code = envelope.code();
    Environment env = envelope.environment();

    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(FINGERPRINT, envelope.fingerprint());
    tags.put(COMPLETE, Boolean.toString(missing.isEmpty()));
    tags.put(MISSING, missing.isEmpty() ? NONE : String.join(",", missing));
    tags.put(GIT_COMMIT, orUnknown(code.commit()));
    tags.put(GIT_DIRTY, code.dirty() == null ? UNKNOWN : code.dirty().toString());
    tags.put(GIT_DIFF_SHA256, orUnknown(code.diffSha256()));
    tags.put(SEED, envelope.seed() == null ? UNKNOWN : envelope.seed().toString());
    tags.put(DATASETS, describeDatasets(envelope.datasets()));
    tags.put(HOST, orUnknown(env.hostname()));
    tags.put(JAVA, describe(env.jvm()));
    tags.put(OS, describe(env.os()));
    tags.put(CPU, describe(env.cpu()));
    tags.put(
        MEMORY_BYTES,
        env.memory() == null || env.memory().totalBytes() == null
            ? UNKNOWN
            : env.memory().totalBytes().toString());
    tags.put(GPU, describeGpus(env.gpus()));
    tags.put(DEPS_FINGERPRINT, orUnknown(envelope.dependencies().sha256()));
    tags.put(ENVIRONMENT_FINGERPRINT, envelope.environmentFingerprint());
    tags.put(ARTIFACTS, describeArtifacts(envelope.artifacts()));
    tags.replaceAll((key, value) -> fit(value));
    return tags;
  }

  private static String describe(Environment.Jvm jvm) {
    if (jvm == null) {
      return UNKNOWN;
    }
    String base = join(jvm.vendor(), jvm.version());
    return jvm.vmName() == null ? base : base + " (" + jvm.vmName() + ")";
  }

  private static String describe(Environment.Os os) {
    if (os == null) {
      return UNKNOWN;
    }
    String base = join(os.name(), os.version(), os.arch());
    return os.distribution() == null ? base : base + " (" + os.distribution() + ")";
  }

  private static String describe(Environment.Cpu cpu) {
    if (cpu == null) {
      return UNKNOWN;
    }
    return orUnknown(cpu.model()) + " (" + cpu.cores() + " cores)";
  }

  private static String describeGpus(List<Environment.Gpu> gpus) {
    if (gpus.isEmpty()) {
      return NONE;
    }
    List<String> parts = new ArrayList<>();
    for (Environment.Gpu gpu : gpus) {
      List<String> details = new ArrayList<>();
      if (gpu.driverVersion() != null) {
        details.add("driver " + gpu.driverVersion());
      }
      if (gpu.memoryMib() != null) {
        details.add(gpu.memoryMib() + " MiB");
      }
      parts.add(
          orUnknown(gpu.name())
              + (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")"));
    }
    return String.join("; ", parts);
  }

  private static String describeDatasets(List<DatasetVersion> datasets) {
    if (datasets.isEmpty()) {
      return NONE;
    }
    List<String> parts = new ArrayList<>();
    for (DatasetVersion d : datasets) {
      parts.add(
          d.name() + "@" + d.digest() + (d.context() == null ? "" : " (" + d.context() + ")"));
    }
    return String.join("; ", parts);
  }

  private static String describeArtifacts(List<ArtifactReference> artifacts) {
    if (artifacts.isEmpty()) {
      return NONE;
    }
    List<String> parts = new ArrayList<>();
    for (ArtifactReference a : artifacts) {
      parts.add(a.uri() + "@sha256:" + a.sha256());
    }
    return String.join("; ", parts);
  }

  private static String join(String... parts) {
    List<String> present = new ArrayList<>();
    for (String p : parts) {
      if (p != null && !p.isBlank()) {
        present.add(p);
      }
    }
    return present.isEmpty() ? UNKNOWN : String.join(" ", present);
  }

  private static String orUnknown(String value) {
    return value == null ? UNKNOWN : value;
  }

  /** Cuts a value to MLflow's limit (counted in code points, as Python does), marking the cut. */
  static String fit(String value) {
    if (value.codePointCount(0, value.length()) <= MAX_TAG_VALUE_LENGTH) {
      return value;
    }
    int keep = MAX_TAG_VALUE_LENGTH - TRUNCATED.length();
    return value.substring(0, value.offsetByCodePoints(0, keep)) + TRUNCATED;
  }
}
