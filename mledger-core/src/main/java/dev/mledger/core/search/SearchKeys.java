package dev.mledger.core.search;

import java.util.List;
import java.util.Set;

/**
 * The canonical keys that MLflow 2.17 lets searches filter and order on. Parsers map aliases
 * ({@code created}, {@code Run name}, ...) to these before they reach the AST.
 */
public final class SearchKeys {

  /** Run attributes a filter may compare: MLflow's {@code RunInfo} searchable attributes. */
  public static final List<String> RUN_ATTRIBUTES =
      List.of("artifact_uri", "end_time", "run_id", "run_name", "start_time", "status", "user_id");

  /** Run attributes compared numerically (epoch milliseconds); the others are strings. */
  public static final Set<String> RUN_NUMERIC_ATTRIBUTES = Set.of("start_time", "end_time");

  /**
   * Dataset fields a run filter may compare; {@code context} is the dataset input's context tag.
   */
  public static final List<String> DATASET_KEYS = List.of("name", "digest", "context");

  /** Experiment attributes a filter may compare. */
  public static final List<String> EXPERIMENT_ATTRIBUTES =
      List.of("name", "creation_time", "last_update_time");

  /** Experiment attributes compared numerically. */
  public static final Set<String> EXPERIMENT_NUMERIC_ATTRIBUTES =
      Set.of("creation_time", "last_update_time");

  /** Experiment attributes an order-by clause may name. */
  public static final List<String> EXPERIMENT_ORDER_BY_ATTRIBUTES =
      List.of("name", "experiment_id", "creation_time", "last_update_time");

  /** Registered-model attributes a filter may compare (MLflow: {@code SearchModelUtils}). */
  public static final List<String> REGISTERED_MODEL_ATTRIBUTES = List.of("name");

  /**
   * Registered-model order-by keys; {@code timestamp} and {@code last_updated_timestamp} both mean
   * the last update time.
   */
  public static final List<String> REGISTERED_MODEL_ORDER_BY_KEYS =
      List.of("name", "timestamp", "last_updated_timestamp");

  /** Model-version attributes a filter may compare (MLflow: {@code SearchModelVersionUtils}). */
  public static final List<String> MODEL_VERSION_ATTRIBUTES =
      List.of("name", "version_number", "run_id", "source_path");

  /** Model-version attributes an order-by clause may name. */
  public static final List<String> MODEL_VERSION_ORDER_BY_KEYS =
      List.of("name", "version_number", "creation_timestamp", "last_updated_timestamp");

  private SearchKeys() {}
}
