package dev.mledger.server.mlflow.proto;

import java.util.List;

/**
 * Request messages of MLflow's tracking service as declared in {@code mlflow/protos/service.proto}
 * of MLflow 2.17.2 (field names and types; {@code run_uuid} is declared wherever MLflow accepts it
 * as an alias of {@code run_id}).
 */
public final class MlflowMessages {
  private MlflowMessages() {}

  public static final List<String> VIEW_TYPES = List.of("ACTIVE_ONLY", "DELETED_ONLY", "ALL");
  public static final List<String> RUN_STATUSES =
      List.of("RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED");

  public static final MessageSpec KEY_VALUE =
      MessageSpec.named("KeyValue").string("key").string("value").build();

  public static final MessageSpec METRIC =
      MessageSpec.named("Metric")
          .string("key")
          .float64("value")
          .int64("timestamp")
          .int64("step")
          .build();

  public static final MessageSpec DATASET =
      MessageSpec.named("Dataset")
          .string("name")
          .string("digest")
          .string("source_type")
          .string("source")
          .string("schema")
          .string("profile")
          .build();

  public static final MessageSpec DATASET_INPUT =
      MessageSpec.named("DatasetInput")
          .messages("tags", KEY_VALUE)
          .message("dataset", DATASET)
          .build();

  public static final MessageSpec CREATE_EXPERIMENT =
      MessageSpec.named("CreateExperiment")
          .string("name")
          .string("artifact_location")
          .messages("tags", KEY_VALUE)
          .build();

  public static final MessageSpec SEARCH_EXPERIMENTS =
      MessageSpec.named("SearchExperiments")
          .int64("max_results")
          .string("page_token")
          .string("filter")
          .strings("order_by")
          .enumeration("view_type", VIEW_TYPES)
          .build();

  /** MLflow 1.x {@code experiments/list}, kept for old clients. */
  public static final MessageSpec LIST_EXPERIMENTS =
      MessageSpec.named("ListExperiments")
          .enumeration("view_type", VIEW_TYPES)
          .int64("max_results")
          .string("page_token")
          .build();

  public static final MessageSpec EXPERIMENT_ID =
      MessageSpec.named("ExperimentId").string("experiment_id").build();

  public static final MessageSpec GET_EXPERIMENT_BY_NAME =
      MessageSpec.named("GetExperimentByName").string("experiment_name").build();

  public static final MessageSpec UPDATE_EXPERIMENT =
      MessageSpec.named("UpdateExperiment").string("experiment_id").string("new_name").build();

  public static final MessageSpec SET_EXPERIMENT_TAG =
      MessageSpec.named("SetExperimentTag")
          .string("experiment_id")
          .string("key")
          .string("value")
          .build();

  public static final MessageSpec CREATE_RUN =
      MessageSpec.named("CreateRun")
          .string("experiment_id")
          .string("user_id")
          .string("run_name")
          .int64("start_time")
          .messages("tags", KEY_VALUE)
          .build();

  public static final MessageSpec UPDATE_RUN =
      MessageSpec.named("UpdateRun")
          .string("run_id")
          .string("run_uuid")
          .enumeration("status", RUN_STATUSES)
          .int64("end_time")
          .string("run_name")
          .build();

  public static final MessageSpec RUN_ID =
      MessageSpec.named("RunId").string("run_id").string("run_uuid").build();

  public static final MessageSpec LOG_METRIC =
      MessageSpec.named("LogMetric")
          .string("run_id")
          .string("run_uuid")
          .string("key")
          .float64("value")
          .int64("timestamp")
          .int64("step")
          .build();

  public static final MessageSpec LOG_PARAM =
      MessageSpec.named("LogParam")
          .string("run_id")
          .string("run_uuid")
          .string("key")
          .string("value")
          .build();

  public static final MessageSpec SET_TAG =
      MessageSpec.named("SetTag")
          .string("run_id")
          .string("run_uuid")
          .string("key")
          .string("value")
          .build();

  public static final MessageSpec DELETE_TAG =
      MessageSpec.named("DeleteTag").string("run_id").string("run_uuid").string("key").build();

  public static final MessageSpec SEARCH_RUNS =
      MessageSpec.named("SearchRuns")
          .strings("experiment_ids")
          .string("filter")
          .enumeration("run_view_type", VIEW_TYPES)
          .int32("max_results", 1000)
          .strings("order_by")
          .string("page_token")
          .build();

  public static final MessageSpec GET_METRIC_HISTORY =
      MessageSpec.named("GetMetricHistory")
          .string("run_id")
          .string("run_uuid")
          .string("metric_key")
          .string("page_token")
          .int32("max_results")
          .build();

  public static final MessageSpec GET_METRIC_HISTORY_BULK_INTERVAL =
      MessageSpec.named("GetMetricHistoryBulkInterval")
          .strings("run_ids")
          .string("metric_key")
          .int32("start_step")
          .int32("end_step")
          .int32("max_results")
          .build();

  public static final MessageSpec LOG_BATCH =
      MessageSpec.named("LogBatch")
          .string("run_id")
          .string("run_uuid")
          .messages("metrics", METRIC)
          .messages("params", KEY_VALUE)
          .messages("tags", KEY_VALUE)
          .build();

  public static final MessageSpec LOG_MODEL =
      MessageSpec.named("LogModel")
          .string("run_id")
          .string("run_uuid")
          .string("model_json")
          .build();

  public static final MessageSpec LOG_INPUTS =
      MessageSpec.named("LogInputs")
          .string("run_id")
          .string("run_uuid")
          .messages("datasets", DATASET_INPUT)
          .build();
}
