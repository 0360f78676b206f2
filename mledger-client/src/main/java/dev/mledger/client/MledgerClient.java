package dev.mledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.Experiment;
import dev.mledger.core.tracking.ExperimentTag;
import dev.mledger.core.tracking.LifecycleStage;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.MetricWithRunId;
import dev.mledger.core.tracking.Page;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunInfo;
import dev.mledger.core.tracking.RunStatus;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.core.tracking.ViewType;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A typed client for the MLflow tracking REST API ({@code /api/2.0/mlflow/...}) of an mledger or
 * MLflow server. Every method is one logical call returning the core records; failures surface as
 * {@link MledgerException} with the server's {@code error_code} and message, and transient failures
 * (connection refused, HTTP 429/5xx) are retried under the {@link RetryPolicy} before a {@link
 * ServerUnavailableException} is thrown.
 *
 * <pre>{@code
 * try (MledgerClient client = MledgerClient.builder().build()) { // MLEDGER_TRACKING_URI, ...
 *   String experimentId = client.getOrCreateExperiment("churn");
 *   Run run = client.createRun(experimentId, "baseline", List.of());
 *   client.logBatch(run.info().runId(), List.of(new Metric("auc", 0.91, now, 0)), List.of(), List.of());
 *   client.updateRun(run.info().runId(), RunStatus.FINISHED, now, null);
 * }
 * }</pre>
 *
 * <p>Retries are safe: log calls are idempotent in MLflow's store (identical metric rows, params
 * with the same value and tags are de-duplicated); {@link #createRun} tags each new run with a
 * client-generated {@value #CLIENT_RUN_ID_TAG} and, when an earlier attempt may have reached the
 * server, looks that tag up before creating again; {@link #createExperiment} resolves a {@code
 * RESOURCE_ALREADY_EXISTS} that follows its own ambiguous attempt by name.
 *
 * <p>Instances are thread-safe and meant to be shared; {@link #close()} releases the HTTP client.
 */
public final class MledgerClient implements AutoCloseable {

  /** Used when neither the builder nor the environment names a tracking server. */
  public static final String DEFAULT_TRACKING_URI = "http://127.0.0.1:5000";

  /**
   * Run tag holding a client-generated id that makes run creation idempotent across retries and
   * offline syncs.
   */
  public static final String CLIENT_RUN_ID_TAG = "mledger.clientRunId";

  /** MLflow's tag for the user who started a run. */
  public static final String USER_TAG = "mlflow.user";

  /** Page size used by the {@code searchAll*} streams. */
  static final int SEARCH_PAGE_SIZE = 1000;

  private final HttpTransport transport;
  private final HttpClient http;

  private MledgerClient(HttpTransport transport, HttpClient http) {
    this.transport = transport;
    this.http = http;
  }

  /** A builder that reads unset settings from the environment (see {@link Builder}). */
  public static Builder builder() {
    return new Builder();
  }

  /** The server this client talks to. */
  public URI trackingUri() {
    return transport.trackingUri();
  }

  /** The retry policy in effect. */
  public RetryPolicy retryPolicy() {
    return transport.retryPolicy();
  }

  /**
   * The model registry of the same server, over this client's connection, credentials and retry
   * policy.
   */
  public RegistryClient registry() {
    return new RegistryClient(transport);
  }

  /** Sends events to monitors of the same server, over this client's connection and policy. */
  public MonitorClient monitors() {
    return new MonitorClient(transport, MonitorClient.DEFAULT_BATCH_SIZE);
  }

  /** Raw calls of the server's native API and artifact proxy over this client's transport. */
  public NativeApi nativeApi() {
    return new NativeApi(transport);
  }

  // ---- experiments ----

  /** Creates an experiment with the server's default artifact location; returns its id. */
  public String createExperiment(String name) {
    return createExperiment(name, null, List.of());
  }

  /**
   * Creates an experiment; returns its id.
   *
   * @param artifactLocation null for the server's default
   * @throws MledgerException RESOURCE_ALREADY_EXISTS if the name is taken
   */
  public String createExperiment(String name, String artifactLocation, List<ExperimentTag> tags) {
    ObjectNode body = Wire.object();
    body.put("name", name);
    if (artifactLocation != null) {
      body.put("artifact_location", artifactLocation);
    }
    Wire.putList(body, "tags", tags, t -> Wire.keyValue(t.key(), t.value()));
    boolean[] ambiguous = {false};
    return transport.withRetries(
        "experiments/create",
        () -> {
          try {
            return transport.postOnce("experiments/create", body).path("experiment_id").asText();
          } catch (TransientFailure failure) {
            ambiguous[0] |= failure.ambiguous();
            throw failure;
          } catch (MledgerException e) {
            if (ambiguous[0] && e.code() == ErrorCode.RESOURCE_ALREADY_EXISTS) {
              // Our own earlier attempt most likely created it before the connection failed.
              return getExperimentByName(name).map(Experiment::experimentId).orElseThrow(() -> e);
            }
            throw e;
          }
        });
  }

  /**
   * @throws MledgerException RESOURCE_DOES_NOT_EXIST for an unknown id
   */
  public Experiment getExperiment(String experimentId) {
    JsonNode response =
        transport.get("experiments/get", List.of(Map.entry("experiment_id", experimentId)));
    return Wire.experiment(response.path("experiment"));
  }

  /** The experiment with this name (active or deleted), or empty if there is none. */
  public Optional<Experiment> getExperimentByName(String name) {
    try {
      JsonNode response =
          transport.get("experiments/get-by-name", List.of(Map.entry("experiment_name", name)));
      return Optional.of(Wire.experiment(response.path("experiment")));
    } catch (MledgerException e) {
      if (e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The id of the active experiment named {@code name}, creating it if needed (and tolerating a
   * concurrent creator).
   *
   * @throws MledgerException INVALID_STATE if the experiment exists but is deleted
   */
  public String getOrCreateExperiment(String name) {
    Optional<Experiment> existing = getExperimentByName(name);
    if (existing.isEmpty()) {
      try {
        return createExperiment(name);
      } catch (MledgerException e) {
        if (e.code() != ErrorCode.RESOURCE_ALREADY_EXISTS) {
          throw e;
        }
        existing = getExperimentByName(name);
        if (existing.isEmpty()) {
          throw e;
        }
      }
    }
    Experiment experiment = existing.get();
    if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
      throw MledgerException.invalidState(
          "Experiment '"
              + name
              + "' (id "
              + experiment.experimentId()
              + ") is deleted; restore it or choose another name");
    }
    return experiment.experimentId();
  }

  /**
   * One page of experiments.
   *
   * @param filter MLflow search syntax (e.g. {@code name LIKE 'churn%'}), null for all
   * @param orderBy e.g. {@code "name ASC"}; empty for the server's default
   * @param pageToken null for the first page, else a previous page's {@code nextPageToken}
   */
  public Page<Experiment> searchExperiments(
      String filter, ViewType viewType, List<String> orderBy, int maxResults, String pageToken) {
    ObjectNode body = Wire.object();
    body.put("max_results", maxResults);
    if (filter != null) {
      body.put("filter", filter);
    }
    body.put("view_type", viewType.name());
    ArrayNode order = body.putArray("order_by");
    orderBy.forEach(order::add);
    if (pageToken != null) {
      body.put("page_token", pageToken);
    }
    JsonNode response = transport.post("experiments/search", body);
    return new Page<>(
        Wire.list(response, "experiments", Wire::experiment), Wire.nextPageToken(response));
  }

  /** Every matching experiment, fetched lazily page by page as the stream is consumed. */
  public Stream<Experiment> searchAllExperiments(
      String filter, ViewType viewType, List<String> orderBy) {
    return Pages.stream(
        token -> searchExperiments(filter, viewType, orderBy, SEARCH_PAGE_SIZE, token));
  }

  public void renameExperiment(String experimentId, String newName) {
    ObjectNode body = Wire.object();
    body.put("experiment_id", experimentId);
    body.put("new_name", newName);
    transport.post("experiments/update", body);
  }

  /** Soft-deletes the experiment and its runs. */
  public void deleteExperiment(String experimentId) {
    transport.post("experiments/delete", experimentIdBody(experimentId));
  }

  public void restoreExperiment(String experimentId) {
    transport.post("experiments/restore", experimentIdBody(experimentId));
  }

  public void setExperimentTag(String experimentId, String key, String value) {
    ObjectNode body = experimentIdBody(experimentId);
    body.put("key", key);
    body.put("value", value);
    transport.post("experiments/set-experiment-tag", body);
  }

  // ---- runs ----

  /** Creates a run started now by the user in the tags (or the server's default user). */
  public Run createRun(String experimentId, String runName, List<RunTag> tags) {
    return createRun(experimentId, runName, null, null, tags);
  }

  /**
   * Creates a run. Unless {@code tags} already holds {@value #CLIENT_RUN_ID_TAG}, a random one is
   * added so that retrying after an ambiguous failure returns the run created by the first attempt
   * instead of creating a second one.
   *
   * @param experimentId null or empty for the default experiment ("0")
   * @param runName null to let the server pick a name
   * @param startTime epoch ms, null for now
   * @param userId null to use the {@value #USER_TAG} tag, as MLflow's client does
   */
  public Run createRun(
      String experimentId, String runName, Long startTime, String userId, List<RunTag> tags) {
    String experiment = experimentId == null || experimentId.isEmpty() ? "0" : experimentId;
    List<RunTag> allTags = new ArrayList<>(tags);
    String clientRunId = tagValue(tags, CLIENT_RUN_ID_TAG);
    if (clientRunId == null) {
      clientRunId = UUID.randomUUID().toString();
      allTags.add(new RunTag(CLIENT_RUN_ID_TAG, clientRunId));
    }
    String user = userId != null ? userId : tagValue(tags, USER_TAG);
    ObjectNode body = Wire.object();
    body.put("experiment_id", experiment);
    if (user != null) {
      body.put("user_id", user);
    }
    body.put("start_time", startTime != null ? startTime : System.currentTimeMillis());
    Wire.putList(body, "tags", allTags, t -> Wire.keyValue(t.key(), t.value()));
    if (runName != null) {
      body.put("run_name", runName);
    }
    String idempotencyKey = clientRunId;
    boolean[] ambiguous = {false};
    return transport.withRetries(
        "runs/create",
        () -> {
          if (ambiguous[0]) {
            Optional<Run> created = findRunByClientRunIdOnce(experiment, idempotencyKey);
            if (created.isPresent()) {
              return created.get();
            }
          }
          try {
            return Wire.run(transport.postOnce("runs/create", body).path("run"));
          } catch (TransientFailure failure) {
            ambiguous[0] |= failure.ambiguous();
            throw failure;
          }
        });
  }

  /**
   * The run in {@code experimentId} carrying {@value #CLIENT_RUN_ID_TAG} = {@code clientRunId}
   * (active or deleted), if any. This is how offline sync and retried creations find a run that was
   * already created.
   */
  public Optional<Run> findRunByClientRunId(String experimentId, String clientRunId) {
    return transport.withRetries(
        "runs/search", () -> findRunByClientRunIdOnce(experimentId, clientRunId));
  }

  private Optional<Run> findRunByClientRunIdOnce(String experimentId, String clientRunId)
      throws TransientFailure {
    ObjectNode body =
        searchRunsBody(
            List.of(experimentId),
            "tags.`" + CLIENT_RUN_ID_TAG + "` = '" + clientRunId.replace("'", "\\'") + "'",
            ViewType.ALL,
            List.of(),
            1,
            null);
    List<Run> runs = Wire.list(transport.postOnce("runs/search", body), "runs", Wire::run);
    return runs.stream().findFirst();
  }

  /**
   * @throws MledgerException RESOURCE_DOES_NOT_EXIST for an unknown id
   */
  public Run getRun(String runId) {
    return Wire.run(transport.get("runs/get", List.of(Map.entry("run_id", runId))).path("run"));
  }

  /**
   * Updates status, end time and/or name; null arguments leave the field unchanged.
   *
   * @return the updated run info
   */
  public RunInfo updateRun(String runId, RunStatus status, Long endTime, String runName) {
    ObjectNode body = runIdBody(runId);
    if (status != null) {
      body.put("status", status.name());
    }
    if (endTime != null) {
      body.put("end_time", endTime);
    }
    if (runName != null) {
      body.put("run_name", runName);
    }
    return Wire.runInfo(transport.post("runs/update", body).path("run_info"));
  }

  /** Ends the run now with a terminal {@code status}, as MLflow's {@code set_terminated} does. */
  public RunInfo endRun(String runId, RunStatus status) {
    if (!status.isTerminal()) {
      throw MledgerException.invalidParameter(
          "A run can only end as FINISHED, FAILED or KILLED, not " + status);
    }
    return updateRun(runId, status, System.currentTimeMillis(), null);
  }

  public void deleteRun(String runId) {
    transport.post("runs/delete", runIdBody(runId));
  }

  public void restoreRun(String runId) {
    transport.post("runs/restore", runIdBody(runId));
  }

  /**
   * One page of runs.
   *
   * @param experimentIds the experiments to search (at least one)
   * @param filter MLflow search syntax (e.g. {@code metrics.auc > 0.9 and params.model = 'gbm'}),
   *     null for all
   * @param orderBy e.g. {@code "metrics.auc DESC"}; empty for start time descending
   * @param maxResults page size, at most 50,000
   * @param pageToken null for the first page, else a previous page's {@code nextPageToken}
   */
  public Page<Run> searchRuns(
      List<String> experimentIds,
      String filter,
      ViewType viewType,
      List<String> orderBy,
      int maxResults,
      String pageToken) {
    JsonNode response =
        transport.post(
            "runs/search",
            searchRunsBody(experimentIds, filter, viewType, orderBy, maxResults, pageToken));
    return new Page<>(Wire.list(response, "runs", Wire::run), Wire.nextPageToken(response));
  }

  /** Every matching run, fetched lazily page by page as the stream is consumed. */
  public Stream<Run> searchAllRuns(
      List<String> experimentIds, String filter, ViewType viewType, List<String> orderBy) {
    return Pages.stream(
        token -> searchRuns(experimentIds, filter, viewType, orderBy, SEARCH_PAGE_SIZE, token));
  }

  private static ObjectNode searchRunsBody(
      List<String> experimentIds,
      String filter,
      ViewType viewType,
      List<String> orderBy,
      int maxResults,
      String pageToken) {
    ObjectNode body = Wire.object();
    ArrayNode ids = body.putArray("experiment_ids");
    experimentIds.forEach(ids::add);
    if (filter != null) {
      body.put("filter", filter);
    }
    body.put("run_view_type", viewType.name());
    body.put("max_results", maxResults);
    ArrayNode order = body.putArray("order_by");
    orderBy.forEach(order::add);
    if (pageToken != null) {
      body.put("page_token", pageToken);
    }
    return body;
  }

  public void setTag(String runId, String key, String value) {
    ObjectNode body = runIdBody(runId);
    body.put("key", key);
    body.put("value", value);
    transport.post("runs/set-tag", body);
  }

  public void deleteTag(String runId, String key) {
    ObjectNode body = runIdBody(runId);
    body.put("key", key);
    transport.post("runs/delete-tag", body);
  }

  public void logMetric(String runId, Metric metric) {
    ObjectNode body = Wire.metric(metric);
    body.put("run_id", runId);
    transport.post("runs/log-metric", body);
  }

  /**
   * @throws MledgerException INVALID_PARAMETER_VALUE if the param was logged with another value
   */
  public void logParam(String runId, String key, String value) {
    ObjectNode body = runIdBody(runId);
    body.put("key", key);
    body.put("value", value);
    transport.post("runs/log-parameter", body);
  }

  /**
   * Logs metrics, params and tags atomically, within MLflow's limits (1000 metrics, 100 params, 100
   * tags, 1000 entries in all per call; see {@link BatchLimits}). Safe to retry: a replayed batch
   * does not duplicate anything.
   */
  public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<RunTag> tags) {
    ObjectNode body = runIdBody(runId);
    Wire.putList(body, "metrics", metrics, Wire::metric);
    Wire.putList(body, "params", params, p -> Wire.keyValue(p.key(), p.value()));
    Wire.putList(body, "tags", tags, t -> Wire.keyValue(t.key(), t.value()));
    transport.post("runs/log-batch", body);
  }

  /** Links datasets to the run; inputs already linked are left as they are. */
  public void logInputs(String runId, List<DatasetInput> inputs) {
    ObjectNode body = runIdBody(runId);
    Wire.putList(body, "datasets", inputs, Wire::datasetInput);
    transport.post("runs/log-inputs", body);
  }

  /** Records a logged model (MLflow's MLmodel document as JSON) in the run's history tag. */
  public void logModel(String runId, String modelJson) {
    ObjectNode body = runIdBody(runId);
    body.put("model_json", modelJson);
    transport.post("runs/log-model", body);
  }

  /**
   * One page of a metric's history, ordered by step then timestamp.
   *
   * @param maxResults page size, null for the server's default
   */
  public Page<Metric> getMetricHistory(
      String runId, String key, Integer maxResults, String pageToken) {
    List<Map.Entry<String, String>> query = new ArrayList<>();
    query.add(Map.entry("run_id", runId));
    query.add(Map.entry("metric_key", key));
    if (maxResults != null) {
      query.add(Map.entry("max_results", maxResults.toString()));
    }
    if (pageToken != null) {
      query.add(Map.entry("page_token", pageToken));
    }
    JsonNode response = transport.get("metrics/get-history", query);
    return new Page<>(Wire.list(response, "metrics", Wire::metricOf), Wire.nextPageToken(response));
  }

  /** A metric's whole history (every page), ordered by step then timestamp. */
  public List<Metric> getMetricHistory(String runId, String key) {
    return Pages.stream(token -> getMetricHistory(runId, key, null, token)).toList();
  }

  /**
   * One metric's history for up to 100 runs, down-sampled by the server to at most {@code
   * maxResults} points per run within [startStep, endStep].
   *
   * @param startStep null together with {@code endStep} for all steps
   * @param maxResults null for the server's default (and maximum) of 1000 per run
   */
  public List<MetricWithRunId> getMetricHistoryBulkInterval(
      List<String> runIds, String key, Long startStep, Long endStep, Integer maxResults) {
    List<Map.Entry<String, String>> query = new ArrayList<>();
    runIds.forEach(id -> query.add(Map.entry("run_ids", id)));
    query.add(Map.entry("metric_key", key));
    if (startStep != null) {
      query.add(Map.entry("start_step", startStep.toString()));
    }
    if (endStep != null) {
      query.add(Map.entry("end_step", endStep.toString()));
    }
    if (maxResults != null) {
      query.add(Map.entry("max_results", maxResults.toString()));
    }
    JsonNode response = transport.get("metrics/get-history-bulk-interval", query);
    return Wire.list(response, "metrics", Wire::metricWithRunIdOf);
  }

  /** Releases the HTTP client's connections and threads. */
  @Override
  public void close() {
    if (http instanceof AutoCloseable closeable) {
      // java.net.http.HttpClient is AutoCloseable from Java 21 on.
      try {
        closeable.close();
      } catch (Exception e) {
        // nothing to recover: the client is being discarded
      }
    }
  }

  private static ObjectNode runIdBody(String runId) {
    ObjectNode body = Wire.object();
    // run_uuid too, for MLflow servers that still read the deprecated field
    body.put("run_id", runId);
    body.put("run_uuid", runId);
    return body;
  }

  private static ObjectNode experimentIdBody(String experimentId) {
    ObjectNode body = Wire.object();
    body.put("experiment_id", experimentId);
    return body;
  }

  private static String tagValue(List<RunTag> tags, String key) {
    for (RunTag tag : tags) {
      if (tag.key().equals(key)) {
        return tag.value();
      }
    }
    return null;
  }

  /**
   * Configures a {@link MledgerClient}. Settings not given explicitly come from the environment:
   *
   * <ul>
   *   <li>tracking URI: {@code MLEDGER_TRACKING_URI}, then {@code MLFLOW_TRACKING_URI}, then
   *       {@value MledgerClient#DEFAULT_TRACKING_URI}
   *   <li>credentials: {@code MLFLOW_TRACKING_USERNAME} + {@code MLFLOW_TRACKING_PASSWORD} (basic
   *       auth) take precedence over {@code MLFLOW_TRACKING_TOKEN} (bearer), as in MLflow
   *   <li>request timeout: {@code MLFLOW_HTTP_REQUEST_TIMEOUT} seconds (default 120)
   *   <li>retries: {@code MLFLOW_HTTP_REQUEST_MAX_RETRIES} retries after the first attempt
   *       (default: {@link RetryPolicy#DEFAULT})
   * </ul>
   */
  public static final class Builder {
    private String trackingUri;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout;
    private String authorization;
    private RetryPolicy retryPolicy;
    private Map<String, String> environment = System.getenv();

    private Builder() {}

    /** The server's base URI, e.g. {@code http://mledger.internal:5000}. */
    public Builder trackingUri(String uri) {
      this.trackingUri = Objects.requireNonNull(uri, "uri");
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long one HTTP request may take before it counts as a (retriable) failure. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** Sends {@code Authorization: Bearer <token>}. */
    public Builder bearerToken(String token) {
      this.authorization = "Bearer " + Objects.requireNonNull(token, "token");
      return this;
    }

    /** Sends HTTP basic authentication. */
    public Builder basicAuth(String username, String password) {
      this.authorization = basic(username, password);
      return this;
    }

    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The variables to read instead of the process environment (for tests and embedding). */
    public Builder environment(Map<String, String> variables) {
      this.environment = Map.copyOf(variables);
      return this;
    }

    /**
     * @throws MledgerException INVALID_PARAMETER_VALUE for a malformed or non-HTTP tracking URI or
     *     a malformed numeric environment variable
     */
    public MledgerClient build() {
      URI uri = resolveTrackingUri();
      Duration timeout =
          requestTimeout != null
              ? requestTimeout
              : Duration.ofSeconds(envLong("MLFLOW_HTTP_REQUEST_TIMEOUT", 120));
      RetryPolicy policy = retryPolicy;
      if (policy == null) {
        String retries = env("MLFLOW_HTTP_REQUEST_MAX_RETRIES");
        policy =
            retries == null
                ? RetryPolicy.DEFAULT
                : RetryPolicy.DEFAULT.withMaxAttempts(
                    (int) envLong("MLFLOW_HTTP_REQUEST_MAX_RETRIES", 0) + 1);
      }
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(connectTimeout)
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
      HttpTransport transport =
          new HttpTransport(
              uri, http, timeout, resolveAuthorization(), "mledger-java-client", policy);
      return new MledgerClient(transport, http);
    }

    private URI resolveTrackingUri() {
      String value = trackingUri;
      if (value == null) {
        value = env("MLEDGER_TRACKING_URI");
      }
      if (value == null) {
        value = env("MLFLOW_TRACKING_URI");
      }
      if (value == null) {
        value = DEFAULT_TRACKING_URI;
      }
      URI uri;
      try {
        uri = new URI(value.strip());
      } catch (URISyntaxException e) {
        throw MledgerException.invalidParameter(
            "Invalid tracking URI '" + value + "': " + e.getMessage());
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw MledgerException.invalidParameter(
            "Unsupported tracking URI '"
                + value
                + "': the Java SDK needs a tracking server address such as "
                + DEFAULT_TRACKING_URI);
      }
      return uri;
    }

    private String resolveAuthorization() {
      if (authorization != null) {
        return authorization;
      }
      String user = env("MLFLOW_TRACKING_USERNAME");
      String password = env("MLFLOW_TRACKING_PASSWORD");
      if (user != null && password != null) {
        return basic(user, password);
      }
      String token = env("MLFLOW_TRACKING_TOKEN");
      return token == null ? null : "Bearer " + token;
    }

    private String env(String name) {
      String value = environment.get(name);
      return value == null || value.isBlank() ? null : value;
    }

    private long envLong(String name, long defaultValue) {
      String value = env(name);
      if (value == null) {
        return defaultValue;
      }
      try {
        long parsed = Long.parseLong(value.strip());
        if (parsed < 0) {
          throw new NumberFormatException();
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw MledgerException.invalidParameter(
            name + " must be a non-negative integer, got '" + value + "'");
      }
    }

    private static String basic(String username, String password) {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      String credentials = username + ":" + password;
      return "Basic "
          + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static Duration positive(Duration duration, String name) {
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return duration;
    }
  }
}
