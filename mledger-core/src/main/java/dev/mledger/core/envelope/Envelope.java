package dev.mledger.core.envelope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A run's reproducibility envelope E(r) = {D_v, c, e, s, H}: the dataset versions it used, the code
 * version, the environment, the random seed and the dependency lock; plus the input artifacts it
 * read, pinned by hash, and what could not be captured. Its identity is the {@link #fingerprint()
 * fingerprint}, the SHA-256 of its {@link #toCanonicalJson() canonical JSON}.
 *
 * <p>Datasets and artifacts are kept sorted and free of duplicates, so the order in which a run
 * declared them does not change the fingerprint. Null components are normalised to their "unknown"
 * values.
 *
 * @param datasets D_v, the dataset versions used
 * @param code c, the code version
 * @param environment e, the runtime and machine
 * @param seed s, the random seed, or null if the run declared none
 * @param dependencies H, the dependency lock fingerprint
 * @param artifacts input artifacts the run read, by content hash (may be empty)
 * @param captureErrors why a component could not be captured, by component name ({@code code},
 *     {@code environment.gpus}, ...), sorted by name; empty when capture went smoothly
 */
public record Envelope(
    List<DatasetVersion> datasets,
    CodeVersion code,
    Environment environment,
    Long seed,
    DependencyLock dependencies,
    List<ArtifactReference> artifacts,
    Map<String, String> captureErrors) {

  /** Version of the JSON layout written by {@link #toCanonicalJson()}. */
  public static final int FORMAT = 1;

  public Envelope {
    datasets = datasets == null ? List.of() : List.copyOf(new TreeSet<>(datasets));
    code = code == null ? CodeVersion.unknown() : code;
    environment = environment == null ? Environment.unknown() : environment;
    dependencies = dependencies == null ? DependencyLock.unknown() : dependencies;
    artifacts = artifacts == null ? List.of() : List.copyOf(new TreeSet<>(artifacts));
    captureErrors =
        captureErrors == null
            ? Collections.emptySortedMap()
            : Collections.unmodifiableSortedMap(new TreeMap<>(captureErrors));
  }

  /** An envelope without input artifacts or capture errors. */
  public Envelope(
      List<DatasetVersion> datasets,
      CodeVersion code,
      Environment environment,
      Long seed,
      DependencyLock dependencies) {
    this(datasets, code, environment, seed, dependencies, List.of(), null);
  }

  /** This envelope with {@code seed} as s. */
  public Envelope withSeed(long seed) {
    return new Envelope(datasets, code, environment, seed, dependencies, artifacts, captureErrors);
  }

  /** This envelope with {@code more} added to D_v. */
  public Envelope withDatasets(Collection<DatasetVersion> more) {
    List<DatasetVersion> all = new ArrayList<>(datasets);
    all.addAll(more);
    return new Envelope(all, code, environment, seed, dependencies, artifacts, captureErrors);
  }

  /** This envelope with {@code more} added to the input artifacts. */
  public Envelope withArtifacts(Collection<ArtifactReference> more) {
    List<ArtifactReference> all = new ArrayList<>(artifacts);
    all.addAll(more);
    return new Envelope(datasets, code, environment, seed, dependencies, all, captureErrors);
  }

  /** This envelope with {@code errors} recorded (replacing earlier ones of the same component). */
  public Envelope withCaptureErrors(Map<String, String> errors) {
    TreeMap<String, String> all = new TreeMap<>(captureErrors);
    all.putAll(errors);
    return new Envelope(datasets, code, environment, seed, dependencies, artifacts, all);
  }

  /** The canonical JSON text (RFC 8785 rules, see {@link CanonicalJson}). */
  public String toCanonicalJson() {
    return CanonicalJson.write(EnvelopeCodec.toJsonValue(this));
  }

  /** Lower-case hex SHA-256 of the canonical JSON's UTF-8 bytes: the envelope's identity. */
  public String fingerprint() {
    return CanonicalJson.sha256(EnvelopeCodec.toJsonValue(this));
  }

  /**
   * The identity of the software environment the run executed in: the SHA-256 of the canonical JSON
   * of the Java runtime, operating system, processor model, GPUs (name and driver) and the
   * dependency lock hash. Host name, core count and memory are left out, so identical installs on
   * different machines share one environment (the lineage graph's {@code environment:} node).
   */
  public String environmentFingerprint() {
    return CanonicalJson.sha256(EnvelopeCodec.environmentIdentity(this));
  }

  /**
   * Reads an envelope from JSON as written by {@link #toCanonicalJson()}. Any key order or
   * whitespace is accepted and absent optional members read as null; unknown members are rejected,
   * because they would silently drop out of the fingerprint (layout changes bump {@link #FORMAT}).
   *
   * @throws IllegalArgumentException for malformed JSON, an unknown member, a wrong field type, or
   *     an unsupported format version
   */
  public static Envelope fromJson(String json) {
    return EnvelopeCodec.fromJsonValue(CanonicalJson.parse(json));
  }

  /**
   * What keeps this envelope from being complete, as field paths ({@code seed}, {@code
   * code.commit}, {@code datasets}, ...); empty when complete. Complete means: a known commit and
   * dirty flag, the diff hash when the tree was dirty, at least one dataset version, a seed, the
   * JVM and OS, and the dependency lock.
   */
  public List<String> missing() {
    return EnvelopeCompleteness.missing(this);
  }

  /** Whether {@link #missing()} is empty: the envelope pins everything needed to re-run. */
  public boolean isComplete() {
    return missing().isEmpty();
  }
}
