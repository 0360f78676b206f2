package dev.mledger.client;

import dev.mledger.core.validation.TrackingValidation;

/**
 * MLflow's per-request limits for {@code runs/log-batch} ({@code mlflow/utils/validation.py}):
 * batches the SDK sends never exceed them.
 */
public final class BatchLimits {
  /** {@code MAX_METRICS_PER_BATCH}. */
  public static final int MAX_METRICS = TrackingValidation.MAX_METRICS_PER_BATCH;

  /** {@code MAX_PARAMS_TAGS_PER_BATCH}, for params. */
  public static final int MAX_PARAMS = TrackingValidation.MAX_PARAMS_TAGS_PER_BATCH;

  /** {@code MAX_PARAMS_TAGS_PER_BATCH}, for tags. */
  public static final int MAX_TAGS = TrackingValidation.MAX_PARAMS_TAGS_PER_BATCH;

  /** {@code MAX_ENTITIES_PER_BATCH}: metrics, params and tags together. */
  public static final int MAX_ENTITIES = TrackingValidation.MAX_ENTITIES_PER_BATCH;

  /** {@code MAX_BATCH_LOG_REQUEST_SIZE}: the request body, in bytes. */
  public static final int MAX_REQUEST_BYTES = TrackingValidation.MAX_BATCH_LOG_REQUEST_SIZE;

  private BatchLimits() {}
}
