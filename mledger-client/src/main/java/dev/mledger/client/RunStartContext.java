package dev.mledger.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a {@link RunStartListener} sees of a run about to start, and where it adds tags and params.
 */
public final class RunStartContext {
  private final String experimentName;
  private final String runName;
  private final Long seed;
  private final ActiveRun parent;
  private final Map<String, String> tags;
  private final Map<String, String> params;

  RunStartContext(
      String experimentName,
      String runName,
      Long seed,
      ActiveRun parent,
      Map<String, String> tags,
      Map<String, String> params) {
    this.experimentName = experimentName;
    this.runName = runName;
    this.seed = seed;
    this.parent = parent;
    this.tags = tags;
    this.params = params;
  }

  /** The experiment's name, or null when the run was started by experiment id. */
  public String experimentName() {
    return experimentName;
  }

  /** The requested run name, or null when the server will pick one. */
  public String runName() {
    return runName;
  }

  /** The seed given with {@link RunBuilder#seed(long)}, if any. */
  public OptionalLong seed() {
    return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
  }

  /** The parent of a nested run, or null for a top-level run. */
  public ActiveRun parent() {
    return parent;
  }

  /** The tags the run will be created with so far (read-only view). */
  public Map<String, String> tags() {
    return Collections.unmodifiableMap(tags);
  }

  /** The params the run will start with so far (read-only view). */
  public Map<String, String> params() {
    return Collections.unmodifiableMap(params);
  }

  /** Adds (or replaces) a tag the run is created with. */
  public RunStartContext tag(String key, String value) {
    tags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Adds a param unless the user already set one with this key (the user's value wins). */
  public RunStartContext param(String key, String value) {
    params.putIfAbsent(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  static Map<String, String> newMap() {
    return new LinkedHashMap<>();
  }
}
