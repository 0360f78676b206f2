package dev.mledger.server.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
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
 * champion. Every step is recorded: {@code triggered}, {@code launched}, {@code finished}, {@code
 * run_linked}, {@code gate_evaluated}, {@code promoted} or {@code kept}, or {@code failed}.
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
  private final ExecutorService executor = idleExiting("mledger-retrain");

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
    executor.execute(() -> run(monitorId, attempt, policy));
    return attempt;
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
      step(
          monitorId,
          attempt,
          "failed",
          MonitorJson.JSON.createObjectNode().put("reason", e.toString()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      step(
          monitorId,
          attempt,
          "failed",
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
    String actor = "retrain-loop:" + monitorId;
    gates.approve(decision.id(), actor, "approved by the monitor's retrain policy");
    gates.promote(
        model,
        version,
        new PromotionTarget.Alias(GateService.DEFAULT_CHAMPION_ALIAS),
        decision.id(),
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

  /** Waits for a running attempt to finish (bounded), then stops. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
        LOG.warn("A retraining attempt was still running at shutdown");
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** One worker that exits when idle, so a stopped server leaves no thread behind. */
  private static ExecutorService idleExiting(String name) {
    java.util.concurrent.ThreadPoolExecutor executor =
        new java.util.concurrent.ThreadPoolExecutor(
            1,
            1,
            30,
            TimeUnit.SECONDS,
            new java.util.concurrent.LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
