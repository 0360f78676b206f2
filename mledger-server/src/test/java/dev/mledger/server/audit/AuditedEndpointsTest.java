package dev.mledger.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.core.envelope.Envelope;
import dev.mledger.core.tracking.Metric;
import dev.mledger.server.testing.RunningServer;
import dev.mledger.store.NewRun;
import dev.mledger.store.Stores;
import dev.mledger.store.registry.NewModelVersion;
import io.javalin.http.HandlerType;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every mutating registry, gate and dataset endpoint is exactly one audit entry, written before the
 * response (no waiting), with the request's actor and route; a refused request is none, even when
 * the endpoint makes several store changes (promotion, multi-candidate evaluation, rollback).
 */
class AuditedEndpointsTest {
  private static final String GATE =
      "{\"gate\": {\"name\": \"release\", \"rules\": [{\"type\": \"metric_threshold\","
          + " \"metric\": \"test_r2\", \"direction\": \"higher\", \"threshold\": 0.5}]},"
          + " \"model\": \"churn\", \"candidates\": %s}";

  @TempDir Path dir;
  private RunningServer server;
  private String runId;

  /** One request of the table: what is sent and the route template it must be audited under. */
  private record Call(String method, String route, String path, Supplier<String> body, int status) {
    Call(String method, String route, String body) {
      this(method, route, route, () -> body, 200);
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = RunningServer.sqlite(dir);
    Stores stores = server.stores();
    runId =
        stores
            .tracking()
            .createRun(new NewRun("0", "alice", 1L, "train", List.of()))
            .info()
            .runId();
    stores
        .tracking()
        .logBatch(runId, List.of(new Metric("test_r2", 0.9, 1, 0)), List.of(), List.of());
    stores.envelopes().put(runId, new Envelope(List.of(), null, null, 42L, null));
    Path model = Files.createDirectories(dir.resolve("model"));
    stores.registry().createRegisteredModel("churn", List.of(), "");
    for (int i = 0; i < 2; i++) {
      stores
          .registry()
          .createModelVersion(
              new NewModelVersion(
                  "churn", model.toUri().toString(), runId, List.of(), null, "", "alice"));
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private long head() {
    JsonNode page = RunningServer.json(server.get("/api/v1/audit?order=desc&limit=1"));
    return page.get("entries").isEmpty() ? 0 : page.at("/entries/0/sequence").asLong();
  }

  private static List<Call> mlflow(String prefix, String name) {
    String p = prefix + "/registered-models/";
    String v = prefix + "/model-versions/";
    String renamed = name + "-renamed";
    String version = "{\"name\": \"" + renamed + "\", \"version\": \"1\"";
    return List.of(
        new Call("POST", p + "create", "{\"name\": \"" + name + "\"}"),
        new Call(
            "POST",
            p + "rename",
            "{\"name\": \"" + name + "\", \"new_name\": \"" + renamed + "\"}"),
        new Call("PATCH", p + "update", "{\"name\": \"" + renamed + "\", \"description\": \"d\"}"),
        new Call(
            "POST",
            p + "set-tag",
            "{\"name\": \"" + renamed + "\", \"key\": \"k\", \"value\": \"1\"}"),
        new Call("DELETE", p + "delete-tag", "{\"name\": \"" + renamed + "\", \"key\": \"k\"}"),
        new Call("POST", v + "create", "{\"name\": \"" + renamed + "\", \"source\": \"s3://b/m\"}"),
        new Call("PATCH", v + "update", version + ", \"description\": \"d\"}"),
        new Call("POST", v + "set-tag", version + ", \"key\": \"k\", \"value\": \"1\"}"),
        new Call("DELETE", v + "delete-tag", version + ", \"key\": \"k\"}"),
        new Call(
            "POST",
            p + "alias",
            "{\"name\": \"" + renamed + "\", \"alias\": \"a\", \"version\": \"1\"}"),
        new Call("DELETE", p + "alias", "{\"name\": \"" + renamed + "\", \"alias\": \"a\"}"),
        new Call(
            "POST",
            v + "transition-stage",
            version + ", \"stage\": \"Staging\", \"archive_existing_versions\": true}"),
        new Call("DELETE", v + "delete", version + "}"),
        new Call("DELETE", p + "delete", "{\"name\": \"" + renamed + "\"}"));
  }

  @Test
  void everyMutatingEndpointIsExactlyOneEntryWrittenBeforeTheResponse() {
    List<Call> table = new ArrayList<>();
    table.addAll(mlflow("/api/2.0/mlflow", "m1"));
    table.addAll(mlflow("/ajax-api/2.0/mlflow", "m2"));
    String churn = "/api/v1/registry/models/{name}";
    String[] decision = new String[1];
    table.add(
        new Call(
            "POST",
            churn + "/versions/{version}/stage",
            "/api/v1/registry/models/churn/versions/1/stage",
            () -> "{\"stage\": \"Staging\", \"reason\": \"qa\"}",
            200));
    table.add(
        new Call(
            "PUT",
            churn + "/aliases/{alias}",
            "/api/v1/registry/models/churn/aliases/beta",
            () -> "{\"version\": \"1\"}",
            200));
    table.add(
        new Call(
            "DELETE",
            churn + "/aliases/{alias}",
            "/api/v1/registry/models/churn/aliases/beta",
            () -> "",
            200));
    // Two candidates: two decisions stored, one entry.
    table.add(new Call("POST", "/api/v1/gates/evaluate", GATE.formatted("[\"1\", \"2\"]")));
    table.add(
        new Call(
            "POST",
            "/api/v1/decisions/{id}/approve",
            "/api/v1/decisions/ID/approve",
            () -> "{\"approver\": \"carol\"}",
            200));
    // A stage or alias change plus a promotion record: one entry.
    table.add(
        new Call(
            "POST",
            churn + "/versions/{version}/promote",
            "/api/v1/registry/models/churn/versions/1/promote",
            () -> "{\"alias\": \"champion\", \"decision_id\": \"" + decision[0] + "\"}",
            200));
    table.add(
        new Call(
            "POST",
            churn + "/versions/{version}/promote",
            "/api/v1/registry/models/churn/versions/2/promote",
            () ->
                "{\"alias\": \"champion\", \"override\": {\"reason\": \"hotfix\", \"actor\": \"bob\"}}",
            200));
    table.add(
        new Call(
            "POST",
            churn + "/rollback",
            "/api/v1/registry/models/churn/rollback",
            () -> "{\"alias\": \"champion\", \"reason\": \"regression\"}",
            200));

    Set<String> covered = new TreeSet<>();
    for (Call call : table) {
      String path = call.path().replace("ID", decision[0] == null ? "" : decision[0]);
      long before = head();
      HttpResponse<String> response =
          server.request(call.method(), path, call.body().get(), "application/json");
      assertThat(response.statusCode())
          .as(call.method() + " " + path + ": " + response.body())
          .isEqualTo(call.status());
      if (call.route().equals("/api/v1/gates/evaluate")) {
        decision[0] = RunningServer.json(response).at("/decisions/0/id").asText();
      }
      JsonNode entries =
          RunningServer.json(server.get("/api/v1/audit?after=" + before + "&limit=10"))
              .get("entries");
      assertThat(entries).as(call.method() + " " + path).hasSize(1);
      assertThat(entries.at("/0/action").asText()).isEqualTo(call.method() + " " + call.route());
      covered.add(call.method() + " " + call.route());
    }

    Set<String> audited = new TreeSet<>();
    for (Map.Entry<String, Set<HandlerType>> route : server.server().routes().entrySet()) {
      for (HandlerType method : route.getValue()) {
        if (RequestAuditScopes.isAuditedMutation(method, route.getKey())) {
          audited.add(method.name() + " " + route.getKey());
        }
      }
    }
    assertThat(audited)
        .contains(
            "POST /api/v1/gates/evaluate",
            "DELETE " + "/ajax-api/2.0/mlflow/registered-models/alias");
    assertThat(covered).as("audited routes without a row in this table").containsAll(audited);
    assertThat(RunningServer.json(server.get("/api/v1/audit/verify")).get("intact").asBoolean())
        .isTrue();
  }

  @Test
  void refusedRequestsLeaveNoEntry() {
    long before = head();
    List<HttpResponse<String>> refused =
        List.of(
            server.post("/api/2.0/mlflow/registered-models/create", "{\"name\": \"churn\"}"),
            server.post("/api/2.0/mlflow/registered-models/create", "{}"),
            server.post(
                "/api/v1/registry/models/churn/versions/1/promote", "{\"alias\": \"champion\"}"),
            server.post("/api/v1/decisions/nope/approve", "{\"approver\": \"carol\"}"),
            server.request(
                "DELETE",
                "/api/2.0/mlflow/model-versions/delete",
                "{\"name\": \"churn\", \"version\": \"9\"}",
                "application/json"));
    assertThat(refused).allSatisfy(r -> assertThat(r.statusCode()).isBetween(400, 499));
    assertThat(head()).isEqualTo(before);
  }
}
