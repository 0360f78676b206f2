package dev.mledger.server.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.search.ExperimentFilterParser;
import dev.mledger.core.search.FilterExpr;
import dev.mledger.core.search.OrderBy;
import dev.mledger.core.search.OrderByParser;
import dev.mledger.core.search.PageToken;
import dev.mledger.core.search.RunFilterParser;
import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.Experiment;
import dev.mledger.core.tracking.ExperimentTag;
import dev.mledger.core.tracking.InputTag;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.MetricWithRunId;
import dev.mledger.core.tracking.Page;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunInfo;
import dev.mledger.core.tracking.RunStatus;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.core.tracking.ViewType;
import dev.mledger.core.validation.TrackingValidation;
import dev.mledger.core.validation.TrackingValidation.LongValues;
import dev.mledger.core.validation.TrackingValidation.ValidatedBatch;
import dev.mledger.server.http.JsonResponses;
import dev.mledger.server.http.Routes;
import dev.mledger.server.json.PythonJson;
import dev.mledger.server.mlflow.proto.MlflowMessages;
import dev.mledger.server.mlflow.proto.ProtoMessage;
import dev.mledger.store.ExperimentSearch;
import dev.mledger.store.NewRun;
import dev.mledger.store.RunSearch;
import dev.mledger.store.TrackingStore;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * MLflow's tracking REST API (2.0), served under both {@code /api/2.0/mlflow/} and {@code
 * /ajax-api/2.0/mlflow/}. Each handler reads the request message with MLflow's schema checks,
 * validates its content with {@link TrackingValidation}, calls the store and writes the response
 * message.
 *
 * <p>Unlike an MLflow server, which truncates over-long param and run-tag values by default, this
 * one refuses them ({@link LongValues#REJECT}): a system of record never stores a value other than
 * the one it was given.
 */
public final class MlflowTrackingApi {
  static final List<String> PREFIXES = List.of("/api/2.0/mlflow", "/ajax-api/2.0/mlflow");

  /** Limits of get-history-bulk-interval (handlers.py). */
  static final int MAX_BULK_RUN_IDS = 100;

  static final int MAX_BULK_RESULTS_PER_RUN = 2500;

  private final TrackingStore store;

  public MlflowTrackingApi(TrackingStore store) {
    this.store = store;
  }

  /** Adds every tracking endpoint, under both prefixes, with its MLflow HTTP method. */
  public void register(Routes routes) {
    post(routes, "/experiments/create", this::createExperiment);
    get(routes, "/experiments/get", this::getExperiment);
    get(routes, "/experiments/get-by-name", this::getExperimentByName);
    get(routes, "/experiments/search", this::searchExperiments);
    post(routes, "/experiments/search", this::searchExperiments);
    get(routes, "/experiments/list", this::listExperiments);
    post(routes, "/experiments/update", this::updateExperiment);
    post(routes, "/experiments/delete", this::deleteExperiment);
    post(routes, "/experiments/restore", this::restoreExperiment);
    post(routes, "/experiments/set-experiment-tag", this::setExperimentTag);
    post(routes, "/runs/create", this::createRun);
    get(routes, "/runs/get", this::getRun);
    post(routes, "/runs/update", this::updateRun);
    post(routes, "/runs/delete", this::deleteRun);
    post(routes, "/runs/restore", this::restoreRun);
    post(routes, "/runs/search", this::searchRuns);
    post(routes, "/runs/set-tag", this::setTag);
    post(routes, "/runs/delete-tag", this::deleteTag);
    post(routes, "/runs/log-metric", this::logMetric);
    post(routes, "/runs/log-parameter", this::logParam);
    post(routes, "/runs/log-batch", this::logBatch);
    post(routes, "/runs/log-inputs", this::logInputs);
    post(routes, "/runs/log-model", this::logModel);
    get(routes, "/metrics/get-history", this::getMetricHistory);
    get(routes, "/metrics/get-history-bulk-interval", this::getMetricHistoryBulkInterval);
  }

  private static void get(Routes routes, String path, Handler handler) {
    PREFIXES.forEach(prefix -> routes.add(HandlerType.GET, prefix + path, handler));
  }

  private static void post(Routes routes, String path, Handler handler) {
    PREFIXES.forEach(prefix -> routes.add(HandlerType.POST, prefix + path, handler));
  }

  // ---- experiments ----

  private void createExperiment(Context ctx) {
    ProtoMessage request = read(ctx, MlflowMessages.CREATE_EXPERIMENT, "name");
    String name = request.string("name");
    String artifactLocation = emptyToNull(request.string("artifact_location"));
    List<ExperimentTag> tags = new ArrayList<>();
    for (ProtoMessage tag : request.messages("tags")) {
      tags.add(new ExperimentTag(tag.string("key"), tag.string("value")));
    }
    // MLflow's order: the handler's artifact-location checks, then the store's name check.
    ArtifactLocationCheck.validate(artifactLocation);
    TrackingValidation.validateExperimentName(name);
    TrackingValidation.validateExperimentArtifactLocation(artifactLocation);
    tags.forEach(TrackingValidation::validateExperimentTag);
    String experimentId = store.createExperiment(name, artifactLocation, tags);
    ObjectNode response = MlflowJson.object();
    response.put("experiment_id", experimentId);
    respond(ctx, response);
  }

  private void getExperiment(Context ctx) {
    ProtoMessage request = read(ctx, MlflowMessages.EXPERIMENT_ID, "experiment_id");
    Experiment experiment = store.getExperiment(request.string("experiment_id"));
    respond(ctx, experimentResponse(experiment));
  }

  private void getExperimentByName(Context ctx) {
    ProtoMessage request = read(ctx, MlflowMessages.GET_EXPERIMENT_BY_NAME, "experiment_name");
    String name = request.string("experiment_name");
    Experiment experiment =
        store
            .getExperimentByName(name)
            .orElseThrow(
                () ->
                    MledgerException.notFound(
                        "Could not find experiment with name '" + name + "'"));
    respond(ctx, experimentResponse(experiment));
  }

  private void searchExperiments(Context ctx) {
    ProtoMessage request = read(ctx, MlflowMessages.SEARCH_EXPERIMENTS);
    int maxResults = maxResults(request.integerOrNull("max_results"));
    FilterExpr filter = ExperimentFilterParser.parse(emptyToNull(request.string("filter")));
    List<OrderBy> orderBy = OrderByParser.forExperiments(request.strings("order_by"));
    int offset = PageToken.decode(emptyToNull(request.string("page_token")));
    Page<Experiment> page =
        store.searchExperiments(
            new ExperimentSearch(
                filter, viewType(request, "view_type"), maxResults, orderBy, offset));
    ObjectNode response = MlflowJson.object();
    MlflowJson.putList(response, "experiments", page.items(), MlflowJson::experiment);
    MlflowJson.putPageToken(response, page.nextPageToken());
    respond(ctx, response);
  }

  /**
   * MLflow 1.x {@code experiments/list} (removed from MLflow 2.0): pages like search-experiments,
   * and returns every matching experiment when no {@code max_results} is given.
   */
  private void listExperiments(Context ctx) {
    ProtoMessage request = read(ctx, MlflowMessages.LIST_EXPERIMENTS);
    ViewType viewType = viewType(request, "view_type");
    Long requested = request.integerOrNull("max_results");
    int offset = PageToken.decode(emptyToNull(request.string("page_token")));
    List<Experiment> experiments = new ArrayList<>();
    String nextPageToken;
    if (requested != null) {
      Page<Experiment> page =
          store.searchExperiments(
              new ExperimentSearch(null, viewType, maxResults(requested), List.of(), offset));
      experiments.addAll(page.items());
      nextPageToken = page.nextPageToken();
    } else {
      Page<Experiment> page;
      do {
        page =
            store.searchExperiments(
                new ExperimentSearch(
                    null,
                    viewType,
                    TrackingValidation.SEARCH_MAX_RESULTS_THRESHOLD,
                    List.of(),
                    offset));
        experiments.addAll(page.items());
        offset = experiments.size();
      } while (page.nextPageToken() != null && !page.items().isEmpty());
      nextPageToken = null;
    }
    ObjectNode response = MlflowJson.object();
    MlflowJson.putList(response, "experiments", experiments, MlflowJson::experiment);
    MlflowJson.putPageToken(response, nextPageToken);
    respond(ctx, response);
  }

  private void updateExperiment(Context ctx) {
    ProtoMessage request = read(ctx, MlflowMessages.UPDATE_EXPERIMENT, "experiment_id", "new_name");
    String newName = request.string("new_name");
    TrackingValidation.validateExperimentName(newName);
    store.renameExperiment(request.string("experiment_id"), newName);
    respondEmpty(ctx);
  }

  private void deleteExperiment(Context ctx) {
    ProtoMessage request = read(ctx, MlflowMessages.EXPERIMENT_ID, "experiment_id");
    store.deleteExperiment(request.string("experiment_id"));
    respondEmpty(ctx);
  }

  private void restoreExperiment(Context ctx) {
    ProtoMessage request = read(ctx, MlflowMessages.EXPERIMENT_ID, "experiment_id");
    store.restoreExperiment(request.string("experiment_id"));
    respondEmpty(ctx);
  }

  private void setExperimentTag(Context ctx) {
    ProtoMessage request = read(ctx, MlflowMessages.SET_EXPERIMENT_TAG, "experiment_id", "key");
    ExperimentTag tag = new ExperimentTag(request.string("key"), request.string("value"));
    TrackingValidation.validateExperimentTag(tag);
    store.setExperimentTag(request.string("experiment_id"), tag);
    respondEmpty(ctx);
  }

  // ---- runs ----

  private void createRun(Context ctx) {
    ProtoMessage request = read(ctx, MlflowMessages.CREATE_RUN);
    // An absent experiment id means the default experiment, as in MLflow's SQL store.
    String experimentId = request.string("experiment_id");
    if (experimentId.isEmpty()) {
      experimentId = TrackingStore.DEFAULT_EXPERIMENT_ID;
    }
    List<RunTag> tags = new ArrayList<>();
    for (ProtoMessage tag : request.messages("tags")) {
      tags.add(
          TrackingValidation.validateRunTag(
              new RunTag(tag.string("key"), tag.string("value")), LongValues.REJECT));
    }
    Long startTime = request.integerOrNull("start_time");
    NewRun newRun =
        new NewRun(
            experimentId,
            request.stringOrNull("user_id"),
            startTime == null ? System.currentTimeMillis() : startTime,
            emptyToNull(request.string("run_name")),
            tags);
    Run run = store.createRun(newRun);
    ObjectNode response = MlflowJson.object();
    response.set("run", MlflowJson.run(run));
    respond(ctx, response);
  }

  private void getRun(Context ctx) {
    MlflowRequest request = MlflowRequest.read(ctx, MlflowMessages.RUN_ID, "run_id");
    ObjectNode response = MlflowJson.object();
    response.set("run", MlflowJson.run(store.getRun(request.runId())));
    respond(ctx, response);
  }

  private void updateRun(Context ctx) {
    MlflowRequest request = MlflowRequest.read(ctx, MlflowMessages.UPDATE_RUN, "run_id");
    ProtoMessage message = request.message();
    String status = message.enumOrNull("status");
    String runName = emptyToNull(message.string("run_name"));
    RunInfo info =
        store.updateRun(
            request.runId(),
            status == null ? null : RunStatus.valueOf(status),
            message.integerOrNull("end_time"),
            runName);
    ObjectNode response = MlflowJson.object();
    response.set("run_info", MlflowJson.runInfo(info));
    respond(ctx, response);
  }

  private void deleteRun(Context ctx) {
    store.deleteRun(MlflowRequest.read(ctx, MlflowMessages.RUN_ID, "run_id").runId());
    respondEmpty(ctx);
  }

  private void restoreRun(Context ctx) {
    store.restoreRun(MlflowRequest.read(ctx, MlflowMessages.RUN_ID, "run_id").runId());
    respondEmpty(ctx);
  }

  private void searchRuns(Context ctx) {
    MlflowRequest read = MlflowRequest.read(ctx, MlflowMessages.SEARCH_RUNS);
    ProtoMessage request = read.message();
    long maxResults = request.integer("max_results", TrackingValidation.SEARCH_MAX_RESULTS_DEFAULT);
    if (maxResults > TrackingValidation.SEARCH_MAX_RESULTS_THRESHOLD) {
      // handlers.py: _assert_less_than_or_equal(int(x), 50000), reported on the raw value
      throw RequestErrors.wrongType("max_results", read.raw().get("max_results"));
    }
    // The store's own checks, in MLflow's order: page size, filter, order-by, page token.
    TrackingValidation.validateSearchRunsMaxResults(maxResults);
    FilterExpr filter = RunFilterParser.parse(emptyToNull(request.string("filter")));
    List<OrderBy> orderBy = OrderByParser.forRuns(request.strings("order_by"));
    int offset = PageToken.decode(emptyToNull(request.string("page_token")));
    Page<Run> page =
        store.searchRuns(
            new RunSearch(
                request.strings("experiment_ids"),
                filter,
                viewType(request, "run_view_type"),
                (int) maxResults,
                orderBy,
                offset));
    ObjectNode response = MlflowJson.object();
    MlflowJson.putList(response, "runs", page.items(), MlflowJson::run);
    MlflowJson.putPageToken(response, page.nextPageToken());
    respond(ctx, response);
  }

  private void setTag(Context ctx) {
    MlflowRequest request = MlflowRequest.read(ctx, MlflowMessages.SET_TAG, "run_id", "key");
    RunTag tag =
        TrackingValidation.validateRunTag(
            new RunTag(request.message().string("key"), request.message().string("value")),
            LongValues.REJECT);
    store.setTag(request.runId(), tag);
    respondEmpty(ctx);
  }

  private void deleteTag(Context ctx) {
    MlflowRequest request = MlflowRequest.read(ctx, MlflowMessages.DELETE_TAG, "run_id", "key");
    store.deleteTag(request.runId(), request.message().string("key"));
    respondEmpty(ctx);
  }

  private void logMetric(Context ctx) {
    MlflowRequest request =
        MlflowRequest.read(ctx, MlflowMessages.LOG_METRIC, "run_id", "key", "value", "timestamp");
    ProtoMessage message = request.message();
    Metric metric =
        new Metric(
            message.string("key"),
            message.doubleOrNull("value"),
            message.integer("timestamp", 0),
            message.integer("step", 0));
    TrackingValidation.validateMetric(metric);
    store.logBatch(request.runId(), List.of(metric), List.of(), List.of());
    respondEmpty(ctx);
  }

  private void logParam(Context ctx) {
    MlflowRequest request = MlflowRequest.read(ctx, MlflowMessages.LOG_PARAM, "run_id", "key");
    Param param =
        TrackingValidation.validateParam(
            new Param(request.message().string("key"), request.message().string("value")),
            LongValues.REJECT);
    store.logBatch(request.runId(), List.of(), List.of(param), List.of());
    respondEmpty(ctx);
  }

  private void logBatch(Context ctx) {
    MlflowRequest request = MlflowRequest.read(ctx, MlflowMessages.LOG_BATCH, "run_id");
    requireElementFields(request.raw(), "metrics", "key", "value", "timestamp");
    requireElementFields(request.raw(), "params", "key");
    requireElementFields(request.raw(), "tags", "key");
    ProtoMessage message = request.message();
    List<Metric> metrics = new ArrayList<>();
    for (ProtoMessage m : message.messages("metrics")) {
      metrics.add(
          new Metric(
              m.string("key"),
              m.doubleOrNull("value"),
              m.integer("timestamp", 0),
              m.integer("step", 0)));
    }
    List<Param> params = new ArrayList<>();
    for (ProtoMessage p : message.messages("params")) {
      params.add(new Param(p.string("key"), p.string("value")));
    }
    List<RunTag> tags = new ArrayList<>();
    for (ProtoMessage t : message.messages("tags")) {
      tags.add(new RunTag(t.string("key"), t.string("value")));
    }
    ValidatedBatch batch =
        TrackingValidation.validateLogBatch(
            request.runId(), metrics, params, tags, LongValues.REJECT);
    store.logBatch(request.runId(), batch.metrics(), batch.params(), batch.tags());
    respondEmpty(ctx);
  }

  private void logInputs(Context ctx) {
    MlflowRequest request =
        MlflowRequest.read(ctx, MlflowMessages.LOG_INPUTS, "run_id", "datasets");
    List<DatasetInput> inputs = new ArrayList<>();
    for (ProtoMessage input : request.message().messages("datasets")) {
      List<InputTag> tags = new ArrayList<>();
      for (ProtoMessage tag : input.messages("tags")) {
        tags.add(new InputTag(tag.string("key"), tag.string("value")));
      }
      ProtoMessage d = input.messageOrNull("dataset");
      Dataset dataset =
          d == null
              ? null
              : new Dataset(
                  d.string("name"),
                  d.string("digest"),
                  d.string("source_type"),
                  d.string("source"),
                  d.stringOrNull("schema"),
                  d.stringOrNull("profile"));
      inputs.add(new DatasetInput(tags, dataset));
    }
    TrackingValidation.validateDatasetInputs(inputs);
    store.logInputs(request.runId(), inputs);
    respondEmpty(ctx);
  }

  private void logModel(Context ctx) {
    MlflowRequest request =
        MlflowRequest.read(ctx, MlflowMessages.LOG_MODEL, "run_id", "model_json");
    String document = LoggedModelDocument.forHistoryTag(request.message().string("model_json"));
    store.recordLoggedModel(request.runId(), document);
    respondEmpty(ctx);
  }

  // ---- metric history ----

  private void getMetricHistory(Context ctx) {
    MlflowRequest request =
        MlflowRequest.read(ctx, MlflowMessages.GET_METRIC_HISTORY, "run_id", "metric_key");
    ProtoMessage message = request.message();
    Long maxResults = message.integerOrNull("max_results");
    if (maxResults != null && maxResults < 1) {
      throw MledgerException.invalidParameter(
          "Invalid value "
              + maxResults
              + " for parameter 'max_results' supplied. It must be a positive integer");
    }
    // MLflow's clients ask for pages of 25,000 points and MLflow's own server answers such a
    // request with the whole history; the 2.17.2 Java client even fails on a second page. So
    // only smaller pages are served as pages.
    Integer pageSize =
        maxResults == null || maxResults >= TrackingValidation.GET_METRIC_HISTORY_MAX_RESULTS
            ? null
            : maxResults.intValue();
    int offset = PageToken.decode(emptyToNull(message.string("page_token")));
    Page<Metric> page =
        store.getMetricHistory(request.runId(), message.string("metric_key"), pageSize, offset);
    ObjectNode response = MlflowJson.object();
    MlflowJson.putList(response, "metrics", page.items(), MlflowJson::metric);
    MlflowJson.putPageToken(response, page.nextPageToken());
    respond(ctx, response);
  }

  private void getMetricHistoryBulkInterval(Context ctx) {
    MlflowRequest request =
        MlflowRequest.read(
            ctx, MlflowMessages.GET_METRIC_HISTORY_BULK_INTERVAL, "run_ids", "metric_key");
    ProtoMessage message = request.message();
    List<String> runIds = message.strings("run_ids");
    if (runIds.size() > MAX_BULK_RUN_IDS) {
      throw RequestErrors.assertion(
          "GetMetricHistoryBulkInterval request must specify at most "
              + MAX_BULK_RUN_IDS
              + " run_ids. Received "
              + runIds.size()
              + " run_ids.");
    }
    Long maxResultsValue = message.integerOrNull("max_results");
    int maxResults =
        maxResultsValue == null ? MAX_BULK_RESULTS_PER_RUN : maxResultsValue.intValue();
    if (maxResults < 1 || maxResults > MAX_BULK_RESULTS_PER_RUN) {
      throw RequestErrors.assertion(
          "max_results must be between 1 and " + MAX_BULK_RESULTS_PER_RUN + ".");
    }
    Long startStep = message.integerOrNull("start_step");
    Long endStep = message.integerOrNull("end_step");
    if (startStep != null && endStep != null) {
      if (startStep > endStep) {
        throw MledgerException.invalidParameter(
            "end_step must be greater than start_step. Found start_step="
                + startStep
                + " and end_step="
                + endStep
                + ".");
      }
    } else if (startStep != null || endStep != null) {
      throw MledgerException.invalidParameter(
          "If either start step or end step are specified, both must be specified.");
    }
    // Sampling keeps each run's overall first and last step, so it needs the whole history.
    List<MetricWithRunId> history =
        store.getMetricHistoryBulkInterval(runIds, message.string("metric_key"), null, null);
    List<MetricWithRunId> sampled =
        MetricHistorySampler.sample(runIds, history, startStep, endStep, maxResults);
    ObjectNode response = MlflowJson.object();
    MlflowJson.putList(response, "metrics", sampled, MlflowJson::metricWithRunId);
    respond(ctx, response);
  }

  // ---- helpers ----

  private static ProtoMessage read(
      Context ctx, dev.mledger.server.mlflow.proto.MessageSpec spec, String... required) {
    return MlflowRequest.read(ctx, spec, required).message();
  }

  /** log-batch's per-element presence checks (handlers.py {@code _assert_*_fields_present}). */
  private static void requireElementFields(ObjectNode raw, String list, String... fields) {
    JsonNode elements = raw.get(list);
    if (!(elements instanceof ArrayNode)) {
      return;
    }
    for (int i = 0; i < elements.size(); i++) {
      JsonNode element = elements.get(i);
      for (String field : fields) {
        JsonNode value = element.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.textValue().isEmpty())) {
          throw RequestErrors.missing(list + "[" + i + "]." + field);
        }
      }
    }
  }

  private static ObjectNode experimentResponse(Experiment experiment) {
    ObjectNode response = MlflowJson.object();
    response.set("experiment", MlflowJson.experiment(experiment));
    return response;
  }

  private static int maxResults(Long requested) {
    long value = requested == null ? TrackingValidation.SEARCH_MAX_RESULTS_DEFAULT : requested;
    TrackingValidation.validateSearchExperimentsMaxResults(value);
    return (int) value;
  }

  private static ViewType viewType(ProtoMessage request, String field) {
    String name = request.enumOrNull(field);
    return name == null ? ViewType.ACTIVE_ONLY : ViewType.valueOf(name);
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static void respond(Context ctx, ObjectNode response) {
    JsonResponses.write(ctx, PythonJson.indented(response));
  }

  private static void respondEmpty(Context ctx) {
    JsonResponses.write(ctx, "{}");
  }
}
