package dev.mledger.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.mledger.server.testing.RunningServer;
import io.javalin.http.HandlerType;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document served at {@code /api/v1/openapi.json} is valid OpenAPI 3.1, covers exactly
 * the native routes the server registers, and describes what the server really answers.
 */
class OpenApiDocumentTest {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{([^}]+)}");

  @TempDir static Path dir;
  static RunningServer server;
  static OpenApiContract contract;

  @BeforeAll
  static void start() {
    server = RunningServer.sqlite(dir);
    HttpResponse<String> served = server.get(OpenApiDocument.PATH);
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type")).hasValue("application/json");
    contract = new OpenApiContract(served.body());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyNativeRouteIsDocumentedAndEveryDocumentedOperationIsServed() {
    Set<String> served = new TreeSet<>();
    for (Map.Entry<String, Set<HandlerType>> route : server.server().routes().entrySet()) {
      String path = openApiTemplate(route.getKey());
      if (path.startsWith("/api/v1/") || path.startsWith("/v1/")) {
        route.getValue().forEach(m -> served.add(m.name() + " " + path));
      }
    }
    Set<String> documented = documentedOperations();

    Set<String> undocumented = new TreeSet<>(served);
    undocumented.removeAll(documented);
    Set<String> notServed = new TreeSet<>(documented);
    notServed.removeAll(served);
    assertThat(undocumented)
        .as("routes registered by MledgerServer but missing from openapi.json")
        .isEmpty();
    assertThat(notServed).as("operations in openapi.json that the server does not serve").isEmpty();
    assertThat(served).contains("POST /v1/traces", "POST /api/v1/lineage", "GET /api/v1/lineage");
  }

  @Test
  void theDocumentIsValidOpenApi31() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed =
        new OpenAPIV3Parser().readContents(contract.document().toString(), null, options);
    assertThat(parsed.getMessages()).as("swagger-parser messages").isEmpty();
    assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
    assertThat(contract.danglingReferences()).as("unresolvable $ref").isEmpty();
  }

  @Test
  void everySchemaIsAValidJsonSchema202012() {
    var metaSchema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it =
            contract.document().path("components").path("schemas").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> schema = it.next();
      for (ValidationMessage m : metaSchema.validate(schema.getValue())) {
        problems.add(schema.getKey() + ": " + m.getMessage());
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void operationsHaveUniqueIdsPathParametersAndAnErrorResponse() {
    Set<String> ids = new HashSet<>();
    List<String> problems = new ArrayList<>();
    contract
        .document()
        .path("paths")
        .fields()
        .forEachRemaining(
            path -> {
              Set<String> inTemplate = new TreeSet<>();
              Matcher m = TEMPLATE_PARAM.matcher(path.getKey());
              while (m.find()) {
                inTemplate.add(m.group(1));
              }
              path.getValue()
                  .fields()
                  .forEachRemaining(
                      operation -> {
                        if (!METHODS.contains(operation.getKey())) {
                          return;
                        }
                        String name = operation.getKey() + " " + path.getKey();
                        JsonNode op = operation.getValue();
                        if (!ids.add(op.path("operationId").asText())) {
                          problems.add(name + ": duplicate or missing operationId");
                        }
                        Set<String> declared = new TreeSet<>();
                        op.path("parameters")
                            .forEach(
                                p -> {
                                  if ("path".equals(p.path("in").asText())) {
                                    declared.add(p.path("name").asText());
                                  }
                                });
                        if (!declared.equals(inTemplate)) {
                          problems.add(name + ": path parameters " + declared + " ≠ " + inTemplate);
                        }
                        JsonNode responses = op.path("responses");
                        if (!responses.has("default") && !responses.has("400")) {
                          problems.add(name + ": no error response");
                        }
                      });
            });
    assertThat(problems).isEmpty();
  }

  @Test
  void realResponsesConformToTheirDocumentedSchemas() {
    server.post("/api/2.0/mlflow/registered-models/create", "{\"name\": \"iris\"}");
    server.post(
        "/api/2.0/mlflow/model-versions/create", "{\"name\": \"iris\", \"source\": \"s3://b/m\"}");
    String experiment =
        RunningServer.json(
                server.post("/api/2.0/mlflow/experiments/create", "{\"name\": \"openapi\"}"))
            .path("experiment_id")
            .asText();
    String runA = createRunWithLoss(experiment, "1", 0.5);
    String runB = createRunWithLoss(experiment, "2", 0.4);

    conforms(
        "PUT",
        "/api/v1/registry/models/{name}/aliases/{alias}",
        "/api/v1/registry/models/iris/aliases/champion",
        "{\"version\": \"1\", \"reason\": \"first release\"}");
    conforms("GET", "/api/v1/registry/models", "/api/v1/registry/models", null);
    conforms("GET", "/api/v1/registry/models/{name}", "/api/v1/registry/models/iris", null);
    conforms(
        "GET",
        "/api/v1/registry/models/{name}/history",
        "/api/v1/registry/models/iris/history",
        null);
    conforms(
        "GET",
        "/api/v1/registry/resolve",
        "/api/v1/registry/resolve?uri=models:/iris@champion",
        null);
    conforms(
        "GET",
        "/api/v1/registry/models/{name}/rollback-candidates",
        "/api/v1/registry/models/iris/rollback-candidates?alias=champion",
        null);
    conforms("GET", "/api/v1/registry/models/{name}", "/api/v1/registry/models/nope", null);
    conforms("GET", "/api/v1/decisions", "/api/v1/decisions?model=iris", null);
    conforms("GET", "/api/v1/decisions/{id}", "/api/v1/decisions/unknown", null);
    conforms("GET", "/api/v1/compare", "/api/v1/compare?run_ids=" + runA + "," + runB, null);
    conforms(
        "GET",
        "/api/v1/runs/{run_id}/metrics/{key}/series",
        "/api/v1/runs/" + runA + "/metrics/loss/series",
        null);
    conforms("GET", "/api/v1/runs/{run_id}/envelope", "/api/v1/runs/" + runA + "/envelope", null);
    conforms("GET", "/api/v1/datasets", "/api/v1/datasets", null);
    conforms(
        "POST",
        "/api/v1/prompts",
        "/api/v1/prompts",
        "{\"name\": \"greet\", \"template\": \"Hello {{name}}\"}");
    conforms("GET", "/api/v1/prompts/{name}", "/api/v1/prompts/greet", null);
    conforms(
        "POST",
        "/api/v1/prompts/render",
        "/api/v1/prompts/render",
        "{\"uri\": \"prompts:/greet/1\", \"variables\": {\"name\": \"Ada\"}}");
    conforms(
        "PUT",
        "/api/v1/llm/prices",
        "/api/v1/llm/prices",
        "{\"model\": \"gpt-x\", \"input_usd_per_million\": 1.5, \"output_usd_per_million\": 6}");
    conforms("GET", "/api/v1/llm/prices", "/api/v1/llm/prices", null);
    conforms("GET", "/api/v1/traces", "/api/v1/traces", null);
    conforms("GET", "/api/v1/traces/aggregate", "/api/v1/traces/aggregate", null);
    conforms(
        "POST",
        "/api/v1/lineage/edges",
        "/api/v1/lineage/edges",
        "{\"from\": \"model:iris/1\", \"to\": \"endpoint:iris-prod\", \"relation\": \"deployed\"}");
    conforms("GET", "/api/v1/lineage", "/api/v1/lineage?nodeId=model:iris/1", null);
    conforms("GET", "/api/v1/lineage/closure", "/api/v1/lineage/closure?nodeId=model:iris/1", null);
    conforms("GET", "/api/v1/lineage", "/api/v1/lineage", null);
    conforms("GET", "/api/v1/monitors", "/api/v1/monitors", null);
    conforms(
        "POST",
        "/api/v1/monitors/tune",
        "/api/v1/monitors/tune",
        "{\"statistic\": \"psi\", \"history\": [{\"value\": 0.3, \"incident\": true},"
            + " {\"value\": 0.05, \"incident\": false}]}");
    conforms("GET", "/api/v1/audit", "/api/v1/audit", null);
    conforms("GET", "/api/v1/audit", "/api/v1/audit?order=desc&limit=1", null);
    conforms("GET", "/api/v1/audit/facets", "/api/v1/audit/facets", null);
    conforms("GET", "/api/v1/audit/verify", "/api/v1/audit/verify", null);
  }

  @Test
  void aResponseThatBreaksItsSchemaIsReported() {
    JsonNode wrong = RunningServer.json(server.get("/api/v1/datasets"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) wrong).put("datasets", "not a list");
    assertThat(contract.violations("GET", "/api/v1/datasets", 200, wrong)).isNotEmpty();
    JsonNode error = RunningServer.json(server.get("/api/v1/decisions/unknown"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) error).remove("message");
    assertThat(contract.violations("GET", "/api/v1/decisions/{id}", 404, error)).isNotEmpty();
  }

  private String createRunWithLoss(String experiment, String seed, double loss) {
    String run =
        RunningServer.json(
                server.post(
                    "/api/2.0/mlflow/runs/create",
                    "{\"experiment_id\": \"" + experiment + "\", \"start_time\": 1}"))
            .at("/run/info/run_id")
            .asText();
    server.post(
        "/api/2.0/mlflow/runs/log-batch",
        "{\"run_id\": \""
            + run
            + "\", \"params\": [{\"key\": \"seed\", \"value\": \""
            + seed
            + "\"}], \"metrics\": [{\"key\": \"loss\", \"value\": "
            + loss
            + ", \"timestamp\": 1, \"step\": 0}]}");
    return run;
  }

  private static void conforms(String method, String template, String path, String body) {
    HttpResponse<String> response =
        body == null && method.equals("GET")
            ? server.get(path)
            : server.request(method, path, body, body == null ? null : "application/json");
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .as(method + " " + path)
        .startsWith("application/json");
    assertThat(
            contract.violations(
                method, template, response.statusCode(), RunningServer.json(response)))
        .as(method + " " + path + " → " + response.statusCode() + " " + response.body())
        .isEmpty();
  }

  private Set<String> documentedOperations() {
    Set<String> operations = new TreeSet<>();
    contract
        .document()
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (METHODS.contains(method)) {
                            operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                          }
                        }));
    return operations;
  }

  /**
   * Javalin's {@code {param}} and {@code <param>} (may span slashes) are OpenAPI's {@code {param}}.
   */
  static String openApiTemplate(String javalinPath) {
    return javalinPath.replaceAll("<([^>]+)>", "{$1}");
  }
}
