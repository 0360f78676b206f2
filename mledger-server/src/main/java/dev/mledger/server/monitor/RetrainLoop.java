package dev.mledger.server.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.gate.GateDefinition;
import dev.mledger.core.gate.GateSpecs;
import dev.mledger.core.gate.PromotionTarget;
import dev.mledger.core.gate.RecordedDecision;
import dev.mledger.core.lineage.LineageEdge;
import dev.mledger.core.lineage.NodeId;
import dev.mledger.core.lineage.Relation;
import dev.mledger.core.monitor.RetrainController;
import dev.mledger.core.monitor.RetrainPolicy;
import dev.mledger.server.gate.GateService;
import dev.mledger.store.Stores;
import dev.mledger.store.monitor.MonitorStore;
import dev.mledger.store.monitor.RetrainStep;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The action half of the retraining control loop. A launch runs the policy's command (environment
 * {@code MLEDGER_TRACKING_URI}, {@code MLEDGER_MONITOR_ID}, {@code MLEDGER_RETRAIN_ATTEMPT}) and
 * reads two lines from its output: {@code mledger.run_id=RUN_ID} and {@code
 * mledger.model_version=NAME/VERSION}. The run is linked to the version in lineage, the policy's
 * gate is evaluated for the version against the current champion, and a pass promotes it to the
 * {@code champion} alias (approved by the loop on the policy's authority) while a failure keeps the
 * champion. With {@code approval: required} a passed gate records {@code awaiting_approval} and the
 * attempt waits for {@link #approve} or {@link #reject}. Every step is recorded: {@code triggered},
 * {@code launched}, {@code finished}, {@code run_linked}, {@code gate_evaluated}, then {@code
 * awaiting_approval}, {@code approved} or {@code rejected}, and {@code promoted} or {@code kept},
 * or {@code failed}.
 *
 * <p>The step log is the loop's durable state. On {@link #close} a running command gets the
 * shutdown timeout, is then stopped and recorded as {@code interrupted}; {@link #resume} relaunches
 * every attempt that has not reached a final step when the server starts again.
 */
final class RetrainLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetrainLoop.class);
  private static final Pattern RUN_ID = Pattern.compile("^mledger\\.run_id=(\\S+)\\s*$");
  private static final Pattern VERSION =
      Pattern.compile("^mledger\\.model_version=(.+)/(\\d+)\\s*$");
  private static final int OUTPUT_TAIL_LINES = 20;

  private final Stores stores;
  private final MonitorStore store;
  private final java.util.function.Supplier<String> trackingUri;

  /** Steps after which an attempt is over, or waits for a person rather than for the loop. */
  private static final Set<String> SETTLED =
      Set.of("promoted", "kept", "failed", "awaiting_approval", "vetoed");

  private final ThreadPoolExecutor executor =
      WindowReportQueue.Workers.idleExiting("mledger-retrain");
  private final Set<Process> running = ConcurrentHashMap.newKeySet();
  private final Set<Process> stopped = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;

  RetrainLoop(Stores stores, java.util.function.Supplier<String> trackingUri) {
    this.stores = stores;
    this.store = stores.monitors();
    this.trackingUri = trackingUri;
  }

  /** Records the trigger and launches in the background; returns the attempt id. */
  String launch(
      String monitorId, RetrainPolicy policy, RetrainController.Decision decision, long eventSeq) {
    String attempt = UUID.randomUUID().toString().replace("-", "");
    ObjectNode detail = MonitorJson.JSON.createObjectNode();
    detail.put("event_seq", eventSeq);
    detail.set("triggers", MonitorJson.JSON.valueToTree(decision.triggers()));
    store.recordStep(monitorId, attempt, "triggered", detail.toString());
    submit(monitorId, attempt, policy);
    return attempt;
  }

  private void submit(String monitorId, String attempt, RetrainPolicy policy) {
    if (closing) {
      return; // recorded as triggered: resumed on the next start
    }
    try {
      executor.execute(() -> run(monitorId, attempt, policy));
    } catch (RejectedExecutionException e) {
      // Shutting down: the same.
    }
  }

  /**
   * Relaunches the attempts of {@code monitorId} that a previous run of the server left unsettled
   * (triggered but not launched, or stopped mid-command); each records {@code resumed} first.
   */
  void resume(String monitorId, RetrainPolicy policy) {
    Map<String, RetrainStep> last = new LinkedHashMap<>();
    for (RetrainStep s : store.steps(monitorId)) {
      last.put(s.attemptId(), s);
    }
    for (RetrainStep s : last.values()) {
      boolean webhookLaunched =
          s.step().equals("launched") && s.detail().contains("\"webhook_status\"");
      if (SETTLED.contains(s.step()) || webhookLaunched) {
        continue;
      }
      step(
          monitorId,
          s.attemptId(),
          "resumed",
          MonitorJson.JSON.createObjectNode().put("after", s.step()));
      LOG.info("Resuming retraining attempt {} of monitor {}", s.attemptId(), monitorId);
      submit(monitorId, s.attemptId(), policy);
    }
  }

  private void step(String monitorId, String attempt, String step, ObjectNode detail) {
    store.recordStep(monitorId, attempt, step, detail.toString());
  }

  private void run(String monitorId, String attempt, RetrainPolicy policy) {
    try {
      if (policy.webhookUrl() != null) {
        launchWebhook(monitorId, attempt, policy);
        return;
      }
      ProcessBuilder pb = new ProcessBuilder(policy.command()).redirectErrorStream(true);
      pb.environment().putAll(policy.environment());
      pb.environment().put("MLEDGER_TRACKING_URI", trackingUri.get());
      pb.environment().put("MLEDGER_MONITOR_ID", monitorId);
      pb.environment().put("MLEDGER_RETRAIN_ATTEMPT", attempt);
      Process process = pb.start();
      running.add(process);
      step(
          monitorId,
          attempt,
          "launched",
          MonitorJson.JSON
              .createObjectNode()
              .put("pid", process.pid())
              .set("command", MonitorJson.JSON.valueToTree(policy.command())));
      String runId = null;
      String model = null;
      long version = -1;
      Deque<String> tail = new ArrayDeque<>();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          Matcher r = RUN_ID.matcher(line);
          Matcher v = VERSION.matcher(line);
          if (r.matches()) {
            runId = r.group(1);
          } else if (v.matches()) {
            model = v.group(1);
            version = Long.parseLong(v.group(2));
          }
          tail.addLast(line);
          if (tail.size() > OUTPUT_TAIL_LINES) {
            tail.removeFirst();
          }
        }
      }
      int exit = process.waitFor();
      running.remove(process);
      if (stopped.remove(process)) {
        step(
            monitorId,
            attempt,
            "interrupted",
            MonitorJson.JSON
                .createObjectNode()
                .put("reason", "the server stopped; the attempt is resumed on the next start"));
        return;
      }
      ObjectNode finished = MonitorJson.JSON.createObjectNode().put("exit_code", exit);
      finished.set("output_tail", MonitorJson.JSON.valueToTree(List.copyOf(tail)));
      step(monitorId, attempt, "finished", finished);
      if (exit != 0) {
        step(
            monitorId,
            attempt,
            "failed",
            MonitorJson.JSON.createObjectNode().put("reason", "command exited with " + exit));
        return;
      }
      if (model == null) {
        step(
            monitorId,
            attempt,
            "failed",
            MonitorJson.JSON
                .createObjectNode()
                .put("reason", "the command printed no 'mledger.model_version=NAME/VERSION' line"));
        return;
      }
      if (runId != null) {
        stores
            .lineage()
            .addEdge(
                new LineageEdge(
                    new NodeId.Run(runId), new NodeId.Model(model, version), Relation.TRAINED));
        step(
            monitorId,
            attempt,
            "run_linked",
            MonitorJson.JSON
                .createObjectNode()
                .put("run_id", runId)
                .put("model", model)
                .put("version", version));
      }
      decide(monitorId, attempt, policy, model, Long.toString(version));
    } catch (IOException | RuntimeException e) {
      // A command stopped by shutdown breaks its output stream: that is an interruption.
      step(
          monitorId,
          attempt,
          stopped.isEmpty() ? "failed" : "interrupted",
          MonitorJson.JSON.createObjectNode().put("reason", e.toString()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      step(
          monitorId,
          attempt,
          closing ? "interrupted" : "failed",
          MonitorJson.JSON.createObjectNode().put("reason", "interrupted"));
    }
  }

  private void decide(
      String monitorId, String attempt, RetrainPolicy policy, String model, String version) {
    if (policy.gate() == null) {
      step(
          monitorId,
          attempt,
          "kept",
          MonitorJson.JSON
              .createObjectNode()
              .put("reason", "no gate configured; the champion is unchanged")
              .put("model", model)
              .put("version", version));
      return;
    }
    GateDefinition gate = GateSpecs.fromTree(MonitorJson.plain(policy.gate()));
    GateService gates = new GateService(stores);
    RecordedDecision decision = gates.evaluate(gate, model, List.of(version), null).get(0);
    boolean passed = decision.decision().passed();
    step(
        monitorId,
        attempt,
        "gate_evaluated",
        MonitorJson.JSON
            .createObjectNode()
            .put("decision_id", decision.id())
            .put("passed", passed)
            .put("gate", gate.name()));
    if (!passed) {
      step(
          monitorId,
          attempt,
          "kept",
          MonitorJson.JSON
              .createObjectNode()
              .put("reason", "gate '" + gate.name() + "' failed")
              .put("model", model)
              .put("version", version));
      return;
    }
    if (policy.approvalRequired()) {
      step(
          monitorId,
          attempt,
          "awaiting_approval",
          MonitorJson.JSON
              .createObjectNode()
              .put("decision_id", decision.id())
              .put("model", model)
              .put("version", version));
      return;
    }
    String actor = "retrain-loop:" + monitorId;
    promote(
        gates,
        monitorId,
        attempt,
        decision.id(),
        model,
        version,
        actor,
        "approved by the monitor's retrain policy");
  }

  private void promote(
      GateService gates,
      String monitorId,
      String attempt,
      String decisionId,
      String model,
      String version,
      String actor,
      String comment) {
    gates.approve(decisionId, actor, comment);
    gates.promote(
        model,
        version,
        new PromotionTarget.Alias(GateService.DEFAULT_CHAMPION_ALIAS),
        decisionId,
        null,
        actor);
    step(
        monitorId,
        attempt,
        "promoted",
        MonitorJson.JSON
            .createObjectNode()
            .put("model", model)
            .put("version", version)
            .put("alias", GateService.DEFAULT_CHAMPION_ALIAS));
  }

  /**
   * A person's verdict on an attempt waiting for approval: {@code approved} promotes the version
   * (the gate decision is approved in their name), {@code rejected} keeps the champion. Both are
   * recorded in the attempt's steps and the audit trail.
   *
   * @return the attempt's steps afterwards
   * @throws MledgerException INVALID_STATE when the attempt is not waiting for approval
   */
  synchronized List<RetrainStep> settle(
      String attemptId, boolean approve, String actor, String comment) {
    List<RetrainStep> steps = store.attempt(attemptId);
    RetrainStep last = steps.get(steps.size() - 1);
    String monitorId = last.monitorId();
    if (!last.step().equals("awaiting_approval")) {
      throw new MledgerException(
          ErrorCode.RESOURCE_CONFLICT,
          "Retraining attempt '"
              + attemptId
              + "' is not awaiting approval (its last step is '"
              + last.step()
              + "').");
    }
    JsonNode pending = MonitorJson.parse(last.detail(), "a step");
    String model = pending.path("model").asText();
    String version = pending.path("version").asText();
    String decisionId = pending.path("decision_id").asText();
    ObjectNode detail =
        MonitorJson.JSON
            .createObjectNode()
            .put("actor", actor)
            .put("comment", comment == null ? "" : comment)
            .put("model", model)
            .put("version", version);
    step(monitorId, attemptId, approve ? "approved" : "rejected", detail);
    Map<String, Object> audit = new LinkedHashMap<>();
    audit.put("monitor_id", monitorId);
    audit.put("model", model);
    audit.put("version", version);
    audit.put("decision_id", decisionId);
    audit.put("comment", comment == null ? "" : comment);
    stores
        .audit()
        .append(
            actor,
            approve ? "monitor.retrain.approve" : "monitor.retrain.reject",
            "retrain_attempt",
            attemptId,
            audit);
    if (approve) {
      promote(
          new GateService(stores),
          monitorId,
          attemptId,
          decisionId,
          model,
          version,
          actor,
          comment == null || comment.isBlank()
              ? "approved retraining attempt " + attemptId
              : comment);
    } else {
      step(
          monitorId,
          attemptId,
          "kept",
          MonitorJson.JSON
              .createObjectNode()
              .put("reason", "rejected by " + actor)
              .put("model", model)
              .put("version", version));
    }
    return store.attempt(attemptId);
  }

  private void launchWebhook(String monitorId, String attempt, RetrainPolicy policy)
      throws IOException, InterruptedException {
    String body =
        MonitorJson.JSON
            .createObjectNode()
            .put("monitor_id", monitorId)
            .put("attempt_id", attempt)
            .put("tracking_uri", trackingUri.get())
            .toString();
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(policy.webhookUrl()))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
    boolean ok = response.statusCode() / 100 == 2;
    step(
        monitorId,
        attempt,
        ok ? "launched" : "failed",
        MonitorJson.JSON.createObjectNode().put("webhook_status", response.statusCode()));
  }

  /**
   * Stops taking attempts and gives a running command up to {@code timeout} to finish; then the
   * command is stopped and its attempt recorded as {@code interrupted}, to be resumed on the next
   * start. Queued attempts stay {@code triggered} and are resumed too.
   */
  void close(Duration timeout) {
    closing = true;
    executor.shutdown();
    try {
      if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("A retraining command was still running after {}; stopping it", timeout);
        for (Process p : running) {
          stopped.add(p);
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
          executor.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(60));
  }
}
