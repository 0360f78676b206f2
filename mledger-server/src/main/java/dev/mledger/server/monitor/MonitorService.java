package dev.mledger.server.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.dataset.SemanticVersion;
import dev.mledger.core.drift.DriftSettings;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.monitor.AlertEngine;
import dev.mledger.core.monitor.AlertTransition;
import dev.mledger.core.monitor.EventValidation;
import dev.mledger.core.monitor.MonitorDefinition;
import dev.mledger.core.monitor.MonitorEvent;
import dev.mledger.core.monitor.ReferenceProfile;
import dev.mledger.core.monitor.RetrainController;
import dev.mledger.core.monitor.RetrainPolicy;
import dev.mledger.core.monitor.Signal;
import dev.mledger.core.monitor.SliceAnalysis;
import dev.mledger.core.monitor.WindowReport;
import dev.mledger.core.monitor.WindowReporter;
import dev.mledger.core.monitor.Windowing;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.store.Stores;
import dev.mledger.store.dataset.DatasetVersion;
import dev.mledger.store.monitor.MonitorStore;
import dev.mledger.store.monitor.NewEvent;
import dev.mledger.store.monitor.NewMonitor;
import dev.mledger.store.monitor.RetrainStep;
import dev.mledger.store.monitor.StoredAlert;
import dev.mledger.store.monitor.StoredEvent;
import dev.mledger.store.monitor.StoredMonitor;
import dev.mledger.store.monitor.StoredReport;
import dev.mledger.store.monitor.WindowOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Monitors behind the native API: creation with a reference profile, event ingestion, window
 * reports written in the background by a {@link WindowReportQueue}, alerts through the {@link
 * AlertEngine}, webhook notification, root cause and the retraining loop. {@link #resume()} picks
 * up what a previous run left unfinished; {@link #close(Duration)} stops the workers gracefully.
 */
public final class MonitorService implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(MonitorService.class);

  /** Events read from the log per page while closing windows. */
  private static final int PAGE = 10_000;

  /** Segments smaller than this are left out of slice analysis. */
  private static final int MIN_SLICE_ROWS = 30;

  private final Stores stores;
  private final MonitorStore store;
  private final Clock clock;
  private final WebhookNotifier webhooks;
  private final RetrainLoop retrain;
  private final DriftSettings settings;
  private final WindowReportQueue reportQueue;
  private final ReferenceProfiler profiler;
  private final Map<String, Loaded> cache = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  private record Loaded(MonitorSpec spec, ReferenceProfile reference) {}

  /**
   * @param trackingUri what retrain commands get as {@code MLEDGER_TRACKING_URI}
   */
  public MonitorService(
      Stores stores,
      Clock clock,
      WebhookNotifier webhooks,
      java.util.function.Supplier<String> trackingUri,
      ReferenceProfiler profiler) {
    this.stores = stores;
    this.profiler = profiler;
    this.store = stores.monitors();
    this.clock = clock;
    this.webhooks = webhooks;
    this.retrain = new RetrainLoop(stores, trackingUri);
    this.settings = DriftSettings.defaults();
    this.reportQueue = new WindowReportQueue(id -> closeWindows(id, load(id)));
  }

  /**
   * Resumes what a previous run left unfinished: monitors with events beyond their reported cursor
   * are queued for reporting, undelivered webhook notifications are retried with their next attempt
   * number, and unsettled retraining attempts are relaunched.
   */
  public void resume() {
    for (StoredMonitor m : store.list()) {
      if (m.eventCount() > m.reportedThrough()) {
        reportQueue.submit(m.id());
      }
      if (m.retrainPolicyJson() != null) {
        try {
          retrain.resume(
              m.id(),
              MonitorJson.retrainPolicy(MonitorJson.parse(m.retrainPolicyJson(), "a policy")));
        } catch (RuntimeException e) {
          LOG.warn("Cannot resume the retraining attempts of monitor {}", m.id(), e);
        }
      }
    }
    webhooks.resume(store.pendingDeliveries(webhooks.maxAttempts()));
  }

  /**
   * Creates a monitor from a create request body. The reference profile comes from {@code
   * reference_rows}, or, when {@code reference} is an object naming a dataset version or a run
   * artifact, is built here from that table (and recorded as the monitor's upstream in lineage).
   */
  public ObjectNode create(JsonNode body) {
    ReferenceSource source = null;
    if (body.isObject() && body.path("reference").isObject()) {
      source = ReferenceSource.parse(body.get("reference"));
      if (body.has("reference_rows")) {
        throw MledgerException.invalidParameter(
            "Give either 'reference_rows' or a 'reference' to read, not both.");
      }
      ObjectNode normalized = ((ObjectNode) body).deepCopy();
      normalized.put("reference", source.label());
      body = normalized;
    }
    MonitorDefinition definition = MonitorJson.definition(body);
    var policy = MonitorJson.policy(body.get("alert_policy"));
    String url = null;
    String secret = null;
    JsonNode webhook = body.get("webhook");
    if (webhook != null && !webhook.isNull()) {
      url = MonitorJson.text(webhook, "url", true);
      if (!(url.startsWith("http://") || url.startsWith("https://"))) {
        throw MledgerException.invalidParameter("The webhook URL must be http:// or https://.");
      }
      secret = MonitorJson.text(webhook, "secret", false);
    }
    ReferenceProfile reference =
        source == null
            ? referenceProfile(definition, body.get("reference_rows"))
            : profiler.profile(definition, source).profile();
    StoredMonitor stored =
        store.create(
            new NewMonitor(
                definition.name(),
                storedDefinition(definition, source),
                MonitorJson.policyJson(policy).toString(),
                reference.toBytes(),
                url,
                secret));
    MonitorSpec spec = new MonitorSpec(definition, policy, url, secret);
    cache.put(stored.id(), new Loaded(spec, reference));
    if (source != null) {
      linkReference(definition.name(), source);
    }
    return monitorJson(stored, spec);
  }

  /**
   * Replaces the monitor's reference with one built from a dataset version or run artifact ({@code
   * PUT .../reference}); later windows are compared with it, reported ones keep their verdicts.
   */
  public ObjectNode setReference(String monitorId, JsonNode body) {
    ReferenceSource source = ReferenceSource.parse(body);
    Loaded loaded = load(monitorId);
    MonitorDefinition old = loaded.spec().definition();
    MonitorDefinition definition =
        new MonitorDefinition(
            old.name(),
            old.model(),
            old.version(),
            source.label(),
            old.features(),
            old.prediction(),
            old.window(),
            old.segmentColumn(),
            old.embeddingDimension());
    ReferenceProfile reference = profiler.profile(definition, source).profile();
    synchronized (locks.computeIfAbsent(monitorId, k -> new Object())) {
      StoredMonitor m =
          store.setReference(monitorId, storedDefinition(definition, source), reference.toBytes());
      MonitorSpec spec =
          new MonitorSpec(
              definition,
              loaded.spec().policy(),
              loaded.spec().webhookUrl(),
              loaded.spec().webhookSecret());
      cache.put(monitorId, new Loaded(spec, reference));
      linkReference(definition.name(), source);
      return monitorJson(m, spec);
    }
  }

  private void linkReference(String monitorName, ReferenceSource source) {
    try {
      profiler.link(monitorName, source);
    } catch (RuntimeException e) {
      // The monitor is stored; a lineage failure must not undo it, but it must be visible.
      LOG.error("Could not record the reference of monitor '{}' in lineage", monitorName, e);
    }
  }

  private static String storedDefinition(MonitorDefinition definition, ReferenceSource source) {
    ObjectNode json = MonitorJson.definitionJson(definition);
    if (source != null) {
      json.set("reference_source", source.toJson());
    }
    return json.toString();
  }

  private ObjectNode monitorJson(StoredMonitor m, MonitorSpec spec) {
    ObjectNode o = MonitorJson.monitorJson(m, spec);
    JsonNode source = MonitorJson.parse(m.definitionJson(), "a definition").get("reference_source");
    if (source != null) {
      o.set("reference_source", source);
    }
    o.put("reports_pending", reportQueue.pending(m.id()));
    return o;
  }

  private ReferenceProfile referenceProfile(MonitorDefinition definition, JsonNode rows) {
    if (rows == null || !rows.isArray() || rows.isEmpty()) {
      throw MledgerException.invalidParameter(
          "'reference_rows' must be a non-empty array of events (the reference p_ref profiled"
              + " from the dataset version or run named by 'reference').");
    }
    ReferenceProfile profile = ReferenceProfile.empty(definition);
    int index = 0;
    for (JsonNode row : rows) {
      EventValidation.Outcome o =
          EventValidation.validate(definition, MonitorJson.JSON.convertValue(row, Object.class), 0);
      if (!o.accepted()) {
        throw MledgerException.invalidParameter("reference_rows[" + index + "]: " + o.reason());
      }
      profile.add(o.event());
      index++;
    }
    return profile;
  }

  private Loaded load(String monitorId) {
    return cache.computeIfAbsent(
        monitorId,
        id -> {
          StoredMonitor m = store.get(id);
          JsonNode definition = MonitorJson.parse(m.definitionJson(), "a definition");
          JsonNode policy = MonitorJson.parse(m.alertPolicyJson(), "a policy");
          MonitorSpec spec =
              new MonitorSpec(
                  MonitorJson.definition(definition),
                  MonitorJson.policy(policy),
                  m.webhookUrl(),
                  m.webhookSecret());
          return new Loaded(spec, ReferenceProfile.fromBytes(m.referenceProfile()));
        });
  }

  public ObjectNode get(String monitorId) {
    StoredMonitor m = store.get(monitorId);
    return monitorJson(m, load(monitorId).spec());
  }

  public ArrayNode list() {
    ArrayNode out = MonitorJson.JSON.createArrayNode();
    for (StoredMonitor m : store.list()) {
      out.add(monitorJson(m, load(m.id()).spec()));
    }
    return out;
  }

  /**
   * The result of an ingest: accepted count, rejected rows, and whether window reports are pending
   * (they are written in the background; see {@link #reportsPending}).
   */
  public record IngestResult(
      int accepted, List<Rejection> rejected, long lastSequence, boolean reportsPending) {}

  /** One rejected row. */
  public record Rejection(int index, String reason) {}

  /**
   * Validates and appends rows ({@code null} entries stand for unparseable NDJSON lines, with their
   * reason in {@code parseErrors}), then queues the monitor for reporting the windows that closed;
   * returns without waiting for the reports.
   */
  public IngestResult ingest(
      String monitorId, List<Object> rows, Map<Integer, String> parseErrors) {
    Loaded loaded = load(monitorId);
    long now = clock.millis();
    List<NewEvent> valid = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (parseErrors.containsKey(i)) {
        rejected.add(new Rejection(i, parseErrors.get(i)));
        continue;
      }
      EventValidation.Outcome o =
          EventValidation.validate(loaded.spec().definition(), rows.get(i), now);
      if (o.accepted()) {
        valid.add(new NewEvent(o.event().timestamp(), MonitorJson.eventJson(o.event())));
      } else {
        rejected.add(new Rejection(i, o.reason()));
      }
    }
    long last =
        valid.isEmpty() ? store.get(monitorId).eventCount() : store.append(monitorId, valid);
    // Events are durable at this point; reporting happens off the request thread, and a failed
    // report leaves its window pending for the next batch or start (never fails the ingest).
    if (!valid.isEmpty()) {
      reportQueue.submit(monitorId);
    }
    return new IngestResult(valid.size(), rejected, last, reportQueue.pending(monitorId));
  }

  /** Whether window reports of the monitor are queued or being written. */
  public boolean reportsPending(String monitorId) {
    return reportQueue.pending(monitorId);
  }

  private List<String> closeWindows(String monitorId, Loaded loaded) {
    synchronized (locks.computeIfAbsent(monitorId, k -> new Object())) {
      StoredMonitor m = store.get(monitorId);
      List<StoredEvent> pending = new ArrayList<>();
      long after = m.reportedThrough();
      while (true) {
        List<StoredEvent> page = store.events(monitorId, after, PAGE);
        pending.addAll(page);
        if (page.size() < PAGE) {
          break;
        }
        after = page.get(page.size() - 1).seq();
      }
      List<MonitorEvent> events = new ArrayList<>();
      for (StoredEvent e : pending) {
        events.add(
            EventValidation.validate(
                    loaded.spec().definition(), MonitorJson.plain(e.payloadJson()), e.eventTime())
                .event());
      }
      Windowing.Cut cut = Windowing.cut(loaded.spec().definition().window(), events);
      List<String> reports = new ArrayList<>();
      int consumed = 0;
      for (Windowing.Window w : cut.closed()) {
        // Windows are a prefix of the log in arrival order, so the cursor moves monotonically.
        consumed += w.events().size();
        reports.add(report(monitorId, loaded, w, pending.get(consumed - 1).seq()));
      }
      return reports;
    }
  }

  private String report(String monitorId, Loaded loaded, Windowing.Window w, long lastSeq) {
    MonitorDefinition d = loaded.spec().definition();
    WindowReporter reporter = new WindowReporter(d, loaded.reference(), settings);
    WindowReport report = reporter.report(w.events(), w.start(), w.end());
    List<SliceAnalysis.Slice> slices =
        d.segmentColumn() == null
            ? List.of()
            : SliceAnalysis.bySegment(
                reporter, d.segmentColumn(), w.events(), w.start(), w.end(), MIN_SLICE_ROWS);
    AlertEngine engine = new AlertEngine(loaded.spec().policy());
    long now = clock.millis();
    AlertEngine.Evaluation evaluation =
        engine.evaluate(
            store.alertStates(monitorId), Signal.of(report, loaded.spec().policy()), now);
    StoredReport stored =
        store.recordWindow(
            monitorId,
            new WindowOutcome(
                w.start(),
                w.end(),
                report.rows(),
                lastSeq,
                MonitorJson.reportJson(report, slices).toString(),
                evaluation.transitions(),
                List.copyOf(evaluation.states().values())));
    List<StoredAlert> alerts = store.alertsOfReport(stored.id());
    if (loaded.spec().webhookUrl() != null) {
      for (StoredAlert a : alerts) {
        if (a.transition().notifies()) {
          webhooks.notify(
              monitorId,
              a.id(),
              loaded.spec().webhookUrl(),
              loaded.spec().webhookSecret(),
              WebhookNotifier.body(monitorId, d.name(), a));
        }
      }
    }
    try {
      maybeRetrain(monitorId, evaluation.transitions(), report, lastSeq);
    } catch (RuntimeException e) {
      // The window is recorded; a broken retrain policy must not hold back later windows.
      LOG.warn("Retrain check of monitor {} failed", monitorId, e);
    }
    return stored.id();
  }

  private void maybeRetrain(
      String monitorId, List<AlertTransition> transitions, WindowReport report, long lastSeq) {
    StoredMonitor m = store.get(monitorId);
    if (m.retrainPolicyJson() == null) {
      return;
    }
    RetrainPolicy policy =
        MonitorJson.retrainPolicy(MonitorJson.parse(m.retrainPolicyJson(), "a policy"));
    List<RetrainStep> steps = store.steps(monitorId);
    List<Long> launches = new ArrayList<>();
    long lastLaunchSeq = 0;
    for (RetrainStep s : steps) {
      if (s.step().equals("triggered")) {
        launches.add(s.createdTime());
        JsonNode detail = MonitorJson.parse(s.detail(), "a step");
        lastLaunchSeq = Math.max(lastLaunchSeq, detail.path("event_seq").asLong(0));
      }
    }
    RetrainController.Decision decision =
        new RetrainController(policy)
            .decide(
                new RetrainController.Observation(
                    clock.millis(), transitions, report.performance(), lastSeq - lastLaunchSeq),
                launches);
    if (decision.launch()) {
      retrain.launch(monitorId, policy, decision, lastSeq);
    } else if (decision.vetoedBy() != null) {
      ObjectNode detail = MonitorJson.JSON.createObjectNode();
      detail.set("triggers", MonitorJson.JSON.valueToTree(decision.triggers()));
      detail.put("vetoed_by", decision.vetoedBy());
      store.recordStep(monitorId, "vetoed-" + lastSeq, "vetoed", detail.toString());
    }
  }

  public ObjectNode setRetrainPolicy(String monitorId, JsonNode body) {
    load(monitorId);
    MonitorJson.retrainPolicy(body);
    StoredMonitor m = store.setRetrainPolicy(monitorId, body.toString());
    return monitorJson(m, load(monitorId).spec());
  }

  public ArrayNode retrainSteps(String monitorId) {
    ArrayNode out = MonitorJson.JSON.createArrayNode();
    store.steps(monitorId).forEach(s -> out.add(MonitorJson.stepJson(s)));
    return out;
  }

  /** One retraining attempt: its monitor, state (its last step) and steps. */
  public ObjectNode retrainAttempt(String attemptId) {
    return attemptJson(store.attempt(attemptId));
  }

  /**
   * Approves or rejects an attempt awaiting approval.
   *
   * @param actor who decides; required
   */
  public ObjectNode settleRetrain(String attemptId, boolean approve, String actor, String comment) {
    return attemptJson(retrain.settle(attemptId, approve, actor, comment));
  }

  private static ObjectNode attemptJson(List<RetrainStep> steps) {
    RetrainStep last = steps.get(steps.size() - 1);
    ObjectNode o = MonitorJson.JSON.createObjectNode();
    o.put("attempt_id", last.attemptId());
    o.put("monitor_id", last.monitorId());
    o.put("state", last.step());
    ArrayNode list = o.putArray("steps");
    steps.forEach(s -> list.add(MonitorJson.stepJson(s)));
    return o;
  }

  public ArrayNode reports(String monitorId, int limit) {
    ArrayNode out = MonitorJson.JSON.createArrayNode();
    for (StoredReport r : store.reports(monitorId, limit)) {
      out.add(reportJson(r));
    }
    return out;
  }

  public ObjectNode report(String monitorId, String reportId) {
    return reportJson(store.report(monitorId, reportId));
  }

  /**
   * A feature of a window next to the reference as a histogram with shared bins (see {@link
   * WindowHistogram}); the window's events are re-read from the log.
   */
  public ObjectNode histogram(String monitorId, String reportId, String feature, int bins) {
    StoredReport r = store.report(monitorId, reportId);
    Loaded loaded = load(monitorId);
    MonitorDefinition d = loaded.spec().definition();
    var spec = d.feature(feature);
    if (spec == null) {
      throw MledgerException.invalidParameter(
          "Monitor '"
              + d.name()
              + "' has no feature '"
              + feature
              + "'; its features are "
              + d.features().stream().map(f -> f.name()).toList()
              + ".");
    }
    List<MonitorEvent> window = new ArrayList<>();
    long after = r.lastSeq() - r.rows();
    while (after < r.lastSeq()) {
      List<StoredEvent> page =
          store.events(monitorId, after, (int) Math.min(PAGE, r.lastSeq() - after));
      if (page.isEmpty()) {
        break;
      }
      for (StoredEvent e : page) {
        var outcome =
            EventValidation.validate(d, MonitorJson.plain(e.payloadJson()), e.eventTime());
        if (outcome.accepted()) {
          window.add(outcome.event());
        }
      }
      after = page.get(page.size() - 1).seq();
    }
    ObjectNode o = WindowHistogram.of(spec, loaded.reference().column(feature), window, bins);
    o.put("report_id", r.id());
    o.put("window_start", r.windowStart());
    o.put("window_end", r.windowEnd());
    return o;
  }

  private ObjectNode reportJson(StoredReport r) {
    ObjectNode o = MonitorJson.JSON.createObjectNode();
    o.put("id", r.id());
    o.put("last_sequence", r.lastSeq());
    o.put("created_time", r.createdTime());
    o.setAll((ObjectNode) MonitorJson.parse(r.documentJson(), "a report"));
    ArrayNode alerts = o.putArray("alerts");
    store.alertsOfReport(r.id()).forEach(a -> alerts.add(MonitorJson.alertJson(a)));
    return o;
  }

  public ArrayNode alerts(String monitorId, boolean openOnly, int limit) {
    ArrayNode out = MonitorJson.JSON.createArrayNode();
    store.alerts(monitorId, openOnly, limit).forEach(a -> out.add(MonitorJson.alertJson(a)));
    return out;
  }

  public ObjectNode acknowledge(String monitorId, String alertId, String actor, String comment) {
    return MonitorJson.alertJson(store.acknowledge(monitorId, alertId, actor, comment));
  }

  public ObjectNode alert(String monitorId, String alertId) {
    StoredAlert a = store.alert(monitorId, alertId);
    ObjectNode o = MonitorJson.alertJson(a);
    ArrayNode deliveries = o.putArray("deliveries");
    store.deliveries(alertId).forEach(d -> deliveries.add(MonitorJson.deliveryJson(d)));
    return o;
  }

  /**
   * The drifted features of the alert's window, most severe first, joined with upstream changes
   * since the reference: newer versions of the reference dataset, and a training run whose code
   * version differs from the reference run's.
   */
  public ObjectNode rootCause(String monitorId, String alertId) {
    StoredAlert a = store.alert(monitorId, alertId);
    StoredReport r = store.report(monitorId, a.reportId());
    MonitorDefinition d = load(monitorId).spec().definition();
    ObjectNode o = MonitorJson.JSON.createObjectNode();
    o.set("alert", MonitorJson.alertJson(a));
    o.set("drifted_features", MonitorJson.parse(r.documentJson(), "a report").path("root_cause"));
    o.put("reference", d.reference());
    o.set("upstream_changes", upstreamChanges(d));
    return o;
  }

  private ArrayNode upstreamChanges(MonitorDefinition d) {
    ArrayNode changes = MonitorJson.JSON.createArrayNode();
    String ref = d.reference();
    if (ref.startsWith("dataset:") && ref.contains("@")) {
      String name = ref.substring("dataset:".length(), ref.lastIndexOf('@'));
      SemanticVersion pinned;
      try {
        pinned = SemanticVersion.parse(ref.substring(ref.lastIndexOf('@') + 1));
      } catch (RuntimeException e) {
        return changes;
      }
      for (DatasetVersion v : stores.datasets().versions(name)) {
        if (v.version().compareTo(pinned) > 0) {
          changes
              .addObject()
              .put("kind", "dataset_version")
              .put("dataset", name)
              .put("reference_version", pinned.toString())
              .put("newer_version", v.version().toString())
              .put("sha256", v.sha256())
              .put("created_at", v.createdAt().toString());
        }
      }
    } else if (ref.startsWith("run:") && d.version() != null) {
      String referenceRun = ref.substring("run:".length());
      String modelRun;
      try {
        modelRun =
            stores.registry().getModelVersion(d.model(), Long.parseLong(d.version())).runId();
      } catch (RuntimeException e) {
        return changes;
      }
      String refCommit = commitOf(referenceRun);
      String modelCommit = modelRun == null ? null : commitOf(modelRun);
      if (refCommit != null && modelCommit != null && !refCommit.equals(modelCommit)) {
        changes
            .addObject()
            .put("kind", "code_version")
            .put("reference_run", referenceRun)
            .put("reference_commit", refCommit)
            .put("model_run", modelRun)
            .put("model_commit", modelCommit);
      }
    }
    return changes;
  }

  private String commitOf(String runId) {
    try {
      for (RunTag t : stores.tracking().getRun(runId).data().tags()) {
        if (t.key().equals("mlflow.source.git.commit")) {
          return t.value();
        }
      }
    } catch (MledgerException e) {
      return null;
    }
    return null;
  }

  /**
   * Stops the background workers: each finishes what it is doing for up to {@code timeout} (a
   * report being written, a webhook attempt in flight, a retraining command) and leaves the rest
   * persisted for {@link #resume()} on the next start.
   */
  public void close(Duration timeout) {
    reportQueue.close(timeout);
    retrain.close(timeout);
    webhooks.close(timeout);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
