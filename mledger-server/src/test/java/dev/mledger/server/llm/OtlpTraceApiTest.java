package dev.mledger.server.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import dev.mledger.server.testing.RunningServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/traces} with real OpenTelemetry exporters and hand-written payloads. */
class OtlpTraceApiTest {
  private static final String TRACE = "5b8efff798038103d269b633813fc60c";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private RunningServer server;

  @BeforeEach
  void start() {
    server = RunningServer.sqlite(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<byte[]> export(byte[] body, String contentType, String encoding)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.base().resolve("/v1/traces"))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (encoding != null) {
      request.header("Content-Encoding", encoding);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
    return LlmJson.MAPPER.readTree(response.body());
  }

  private void sendWithRealExporter(boolean gzip) {
    OtlpHttpSpanExporter exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(server.base().resolve("/v1/traces").toString())
            .setCompression(gzip ? "gzip" : "none")
            .build();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                io.opentelemetry.sdk.resources.Resource.getDefault()
                    .merge(
                        io.opentelemetry.sdk.resources.Resource.create(
                            Attributes.of(AttributeKey.stringKey("service.name"), "support-bot"))))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    try {
      Tracer tracer = provider.get("test");
      io.opentelemetry.api.trace.Span agent =
          tracer.spanBuilder("agent").setSpanKind(SpanKind.SERVER).startSpan();
      try (Scope ignored = agent.makeCurrent()) {
        agent.setAttribute("mledger.eval.set", "golden");
        io.opentelemetry.api.trace.Span chat =
            tracer.spanBuilder("chat gpt-4o").setSpanKind(SpanKind.CLIENT).startSpan();
        chat.setAttribute("gen_ai.operation.name", "chat");
        chat.setAttribute("gen_ai.system", "openai");
        chat.setAttribute("gen_ai.request.model", "gpt-4o");
        chat.setAttribute("gen_ai.response.model", "gpt-4o-2024-08-06");
        chat.setAttribute("gen_ai.usage.input_tokens", 1200L);
        chat.setAttribute("gen_ai.usage.output_tokens", 300L);
        chat.setAttribute("mledger.prompt.version", "prompts:/qa/1");
        chat.addEvent(
            "gen_ai.user.message",
            Attributes.of(AttributeKey.stringKey("content"), "Where is my order?"));
        chat.end();
        io.opentelemetry.api.trace.Span guard = tracer.spanBuilder("guardrail").startSpan();
        guard.setAttribute("mledger.guardrail.action", "allow");
        guard.setStatus(StatusCode.ERROR, "classifier timed out");
        guard.end();
      } finally {
        agent.end();
      }
      assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void realOtlpHttpExporterSpansAreStoredAsATreeWithTokensAndCost() {
    server.request(
        "PUT",
        "/api/v1/llm/prices",
        "{\"model\": \"gpt-4o\", \"input_usd_per_million\": 2.5, \"output_usd_per_million\": 10}",
        "application/json");
    sendWithRealExporter(false);
    sendWithRealExporter(true);

    JsonNode list = RunningServer.json(server.get("/api/v1/traces"));
    assertThat(list.path("traces")).hasSize(2);
    JsonNode summary = list.path("traces").get(0);
    assertThat(summary.path("root_name").asText()).isEqualTo("agent");
    assertThat(summary.path("span_count").asInt()).isEqualTo(3);
    assertThat(summary.path("input_tokens").asLong()).isEqualTo(1200);
    assertThat(summary.path("output_tokens").asLong()).isEqualTo(300);
    // dated response model priced by its family: 1200 * 2.5e-6 + 300 * 1e-5
    assertThat(summary.path("cost_usd").asDouble()).isEqualTo(0.006);
    assertThat(summary.path("service_name").asText()).isEqualTo("support-bot");
    assertThat(summary.path("prompt_version").asText()).isEqualTo("prompts:/qa/1");
    assertThat(summary.path("status").asText()).isEqualTo("UNSET");
    assertThat(summary.path("error_spans").asInt()).isEqualTo(1);

    JsonNode trace =
        RunningServer.json(server.get("/api/v1/traces/" + summary.path("trace_id").asText()));
    JsonNode root = trace.path("spans").get(0);
    assertThat(root.path("kind").asText()).isEqualTo("SERVER");
    assertThat(root.path("children")).hasSize(2);
    JsonNode chat = root.path("children").get(0);
    assertThat(chat.path("name").asText()).isEqualTo("chat gpt-4o");
    assertThat(chat.path("attributes").path("gen_ai.usage.input_tokens").asLong()).isEqualTo(1200);
    assertThat(chat.path("events").get(0).path("name").asText()).isEqualTo("gen_ai.user.message");
    JsonNode guard = root.path("children").get(1);
    assertThat(guard.path("status").asText()).isEqualTo("ERROR");
    assertThat(guard.path("status_message").asText()).isEqualTo("classifier timed out");

    JsonNode stats = RunningServer.json(server.get("/api/v1/traces/aggregate?eval_set=golden"));
    assertThat(stats.path("trace_count").asInt()).isEqualTo(2);
    assertThat(stats.path("total_tokens").asLong()).isEqualTo(3000);
    assertThat(stats.path("cost_per_successful_task_usd").asDouble()).isEqualTo(0.006);
    assertThat(stats.path("latency_p95_ms").isNumber()).isTrue();
  }

  private static final String JSON_PAYLOAD =
      """
      {"resourceSpans": [{
        "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "rag"}}]},
        "scopeSpans": [{"scope": {"name": "manual"}, "spans": [
          {"traceId": "5B8EFFF798038103D269B633813FC60C", "spanId": "eee19b7ec3c1b174",
           "name": "retrieve", "kind": 1,
           "startTimeUnixNano": "1544712660000000000", "endTimeUnixNano": "1544712661000000000",
           "attributes": [
             {"key": "mledger.retrieval.index_version", "value": {"stringValue": "idx-7"}},
             {"key": "k", "value": {"intValue": "3"}},
             {"key": "score", "value": {"doubleValue": 0.5}},
             {"key": "flags", "value": {"arrayValue": {"values": [{"boolValue": true}]}}},
             {"key": "meta", "value": {"kvlistValue": {"values": [
                {"key": "a", "value": {"stringValue": "b"}}]}}}],
           "status": {"code": "STATUS_CODE_OK"}},
          {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "0000000000000000",
           "name": "bad id", "startTimeUnixNano": "1", "endTimeUnixNano": "2"},
          {"trace_id": "5b8efff798038103d269b633813fc60c", "span_id": "eee19b7ec3c1b175",
           "parent_span_id": "eee19b7ec3c1b174", "name": "ends before it starts",
           "start_time_unix_nano": 5, "end_time_unix_nano": 4}
        ]}]
      }]}
      """;

  @Test
  void otlpJsonIsDecodedWithPartialSuccessForRejectedSpans() throws Exception {
    HttpResponse<byte[]> response =
        export(JSON_PAYLOAD.getBytes(StandardCharsets.UTF_8), "application/json", null);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.path("partialSuccess").path("rejectedSpans").asText()).isEqualTo("2");
    assertThat(body.path("partialSuccess").path("errorMessage").asText())
        .contains("not all zero")
        .contains("before it starts");

    JsonNode trace = RunningServer.json(server.get("/api/v1/traces/" + TRACE));
    JsonNode span = trace.path("spans").get(0);
    assertThat(span.path("kind").asText()).isEqualTo("INTERNAL");
    assertThat(span.path("status").asText()).isEqualTo("OK");
    JsonNode attrs = span.path("attributes");
    assertThat(attrs.path("mledger.retrieval.index_version").asText()).isEqualTo("idx-7");
    assertThat(attrs.path("k").isIntegralNumber()).isTrue();
    assertThat(attrs.path("score").asDouble()).isEqualTo(0.5);
    assertThat(attrs.path("flags").get(0).asBoolean()).isTrue();
    assertThat(attrs.path("meta").path("a").asText()).isEqualTo("b");
    assertThat(span.path("resource").path("service.name").asText()).isEqualTo("rag");
    assertThat(span.path("duration_ms").asDouble()).isEqualTo(1000.0);
  }

  @Test
  void gzippedJsonIsAcceptedAndAFullySuccessfulExportAnswersEmpty() throws Exception {
    String one =
        JSON_PAYLOAD.replaceAll("(?s),\\s*\\{\"traceId\": \"5b8e.*?\\}\\s*\\]\\}\\]", "]}]");
    HttpResponse<byte[]> response =
        export(
            gzip(one.getBytes(StandardCharsets.UTF_8)), "application/json; charset=utf-8", "gzip");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  @Test
  void handBuiltProtobufWithPartialSuccess() throws Exception {
    HexFormat hex = HexFormat.of();
    io.opentelemetry.proto.trace.v1.Span good =
        io.opentelemetry.proto.trace.v1.Span.newBuilder()
            .setTraceId(ByteString.copyFrom(hex.parseHex(TRACE)))
            .setSpanId(ByteString.copyFrom(hex.parseHex("00000000000000aa")))
            .setName("embeddings")
            .setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT)
            .setStartTimeUnixNano(1_000_000_000L)
            .setEndTimeUnixNano(1_250_000_000L)
            .setStatus(
                Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("429"))
            .addAttributes(
                kv("gen_ai.operation.name", AnyValue.newBuilder().setStringValue("embeddings")))
            .addAttributes(kv("gen_ai.usage.input_tokens", AnyValue.newBuilder().setIntValue(42)))
            .addAttributes(kv("mledger.cost.usd", AnyValue.newBuilder().setDoubleValue(0.25)))
            .build();
    io.opentelemetry.proto.trace.v1.Span shortId =
        good.toBuilder().setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3})).build();
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(
                        Resource.newBuilder()
                            .addAttributes(
                                kv("service.name", AnyValue.newBuilder().setStringValue("emb"))))
                    .addScopeSpans(ScopeSpans.newBuilder().addSpans(good).addSpans(shortId)))
            .build();
    HttpResponse<byte[]> response =
        export(gzip(request.toByteArray()), "application/x-protobuf", "gzip");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    ExportTraceServiceResponse decoded = ExportTraceServiceResponse.parseFrom(response.body());
    assertThat(decoded.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
    assertThat(decoded.getPartialSuccess().getErrorMessage()).contains("Invalid span id '010203'");

    JsonNode summary = RunningServer.json(server.get("/api/v1/traces/" + TRACE)).path("trace");
    assertThat(summary.path("status").asText()).isEqualTo("ERROR");
    assertThat(summary.path("cost_usd").asDouble()).isEqualTo(0.25);
    assertThat(summary.path("input_tokens").asLong()).isEqualTo(42);
    assertThat(summary.path("duration_ms").asDouble()).isEqualTo(250.0);
  }

  private static KeyValue kv(String key, AnyValue.Builder value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  @Test
  void resentSpansAreNotDuplicated() throws Exception {
    byte[] body = JSON_PAYLOAD.getBytes(StandardCharsets.UTF_8);
    export(body, "application/json", null);
    export(body, "application/json", null);
    JsonNode summary = RunningServer.json(server.get("/api/v1/traces/" + TRACE)).path("trace");
    assertThat(summary.path("span_count").asInt()).isEqualTo(1);
  }

  @Test
  void malformedPayloadsAre400WithAStatusNever500() throws Exception {
    HttpResponse<byte[]> notJson =
        export("{\"resourceSpans\": [".getBytes(), "application/json", null);
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(json(notJson).path("code").asInt()).isEqualTo(3);
    assertThat(json(notJson).path("message").asText()).contains("Malformed OTLP/JSON");

    HttpResponse<byte[]> wrongShape =
        export("{\"resourceSpans\": 7}".getBytes(), "application/json", null);
    assertThat(wrongShape.statusCode()).isEqualTo(400);

    HttpResponse<byte[]> notProtobuf =
        export(new byte[] {(byte) 0xff, (byte) 0xff, 0x01}, "application/x-protobuf", null);
    assertThat(notProtobuf.statusCode()).isEqualTo(400);
    assertThat(notProtobuf.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    // google.rpc.Status: field 1 code, field 2 message
    CodedInputStream status = CodedInputStream.newInstance(notProtobuf.body());
    assertThat(status.readTag()).isEqualTo(8);
    assertThat(status.readInt32()).isEqualTo(3);
    assertThat(status.readTag()).isEqualTo(18);
    assertThat(status.readString()).contains("Malformed OTLP protobuf");

    HttpResponse<byte[]> badGzip = export("not gzip".getBytes(), "application/json", "gzip");
    assertThat(badGzip.statusCode()).isEqualTo(400);
    assertThat(json(badGzip).path("message").asText()).contains("gzip");

    assertThat(export("{}".getBytes(), "text/plain", null).statusCode()).isEqualTo(415);
    assertThat(export("{}".getBytes(), "application/json", "br").statusCode()).isEqualTo(415);
    assertThat(export("{}".getBytes(), "application/json", null).statusCode()).isEqualTo(200);
  }

  @Test
  void deepTracesAreStoredAndAnsweredFlattenedAndDeepAttributesRejected() throws Exception {
    StringBuilder spans = new StringBuilder();
    int depth = 300;
    for (int i = 1; i <= depth; i++) {
      if (i > 1) {
        spans.append(',');
      }
      spans
          .append("{\"traceId\": \"")
          .append(TRACE)
          .append("\", \"spanId\": \"")
          .append(String.format("%016x", i))
          .append('"');
      if (i > 1) {
        spans.append(", \"parentSpanId\": \"").append(String.format("%016x", i - 1)).append('"');
      }
      spans
          .append(", \"name\": \"s")
          .append(i)
          .append("\", \"startTimeUnixNano\": ")
          .append(i)
          .append(", \"endTimeUnixNano\": ")
          .append(1000 + i)
          .append('}');
    }
    String nested = "{\"stringValue\": \"x\"}";
    for (int i = 0; i < 40; i++) {
      nested = "{\"arrayValue\": {\"values\": [" + nested + "]}}";
    }
    spans
        .append(", {\"traceId\": \"")
        .append(TRACE)
        .append("\", \"spanId\": \"ffffffffffffffff\", \"name\": \"deep attr\",")
        .append(" \"attributes\": [{\"key\": \"a\", \"value\": ")
        .append(nested)
        .append("}]}");
    String body = "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [" + spans + "]}]}]}";
    HttpResponse<byte[]> response =
        export(body.getBytes(StandardCharsets.UTF_8), "application/json", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("partialSuccess").path("rejectedSpans").asText()).isEqualTo("1");
    JsonNode trace = RunningServer.json(server.get("/api/v1/traces/" + TRACE));
    assertThat(trace.path("flattened").asBoolean()).isTrue();
    assertThat(trace.path("spans")).hasSize(depth);
    assertThat(trace.path("spans").get(depth - 1).path("parent_span_id").asText())
        .isEqualTo(String.format("%016x", depth - 1));
    assertThat(trace.path("trace").path("span_count").asInt()).isEqualTo(depth);
  }
}
