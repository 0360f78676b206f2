package dev.mledger.server.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.server.mlflow.proto.MessageSpec;
import dev.mledger.server.mlflow.proto.ProtoMessage;
import dev.mledger.server.mlflow.proto.RequestDecoder;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A decoded and schema-checked MLflow request, read the way MLflow's {@code _get_request_message}
 * reads it: GET requests from the query string (or, without one, from a JSON body), other requests
 * from a JSON body that must be declared {@code application/json}.
 *
 * @param message the decoded protobuf message
 * @param raw the request as a JSON object, for checks MLflow makes on the raw values
 */
public record MlflowRequest(ProtoMessage message, ObjectNode raw) {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /**
   * Reads {@code spec} from the request and applies MLflow's schema checks: each {@code required}
   * field, in order, must be present and non-empty ({@code run_id} may be given as {@code
   * run_uuid}), and then no field may hold a value of the wrong type.
   */
  public static MlflowRequest read(Context ctx, MessageSpec spec, String... required) {
    boolean fromQuery = ctx.method() == HandlerType.GET && !isBlank(ctx.queryString());
    ObjectNode raw =
        fromQuery
            ? RequestDecoder.fromQueryParameters(queryParameters(ctx.queryString()), spec)
            : jsonBody(ctx);
    RequestDecoder.Decoded decoded = RequestDecoder.decode(raw, spec, fromQuery);
    for (String field : required) {
      JsonNode value = raw.get(field);
      if (field.equals("run_id") && (value == null || value.isNull())) {
        value = raw.get("run_uuid");
      }
      if (value == null || value.isNull() || (value.isTextual() && value.textValue().isEmpty())) {
        throw RequestErrors.missing(field);
      }
    }
    for (String field : required) {
      for (RequestDecoder.Problem problem : decoded.problems()) {
        if (problem.path().equals(field)) {
          throw RequestErrors.wrongType(field, problem.value());
        }
      }
    }
    if (!decoded.problems().isEmpty()) {
      RequestDecoder.Problem first = decoded.problems().get(0);
      throw RequestErrors.wrongType(first.path(), first.value());
    }
    return new MlflowRequest(decoded.message(), raw);
  }

  /** The run id, given as {@code run_id} or, by older clients, {@code run_uuid}. */
  String runId() {
    String runId = message.string("run_id");
    return runId.isEmpty() ? message.string("run_uuid") : runId;
  }

  private static ObjectNode jsonBody(Context ctx) {
    if (ctx.method() != HandlerType.GET) {
      requireJsonContentType(ctx.contentType());
    }
    String body = ctx.body();
    if (isBlank(body)) {
      return JsonNodeFactory.instance.objectNode();
    }
    JsonNode parsed = parseJson(body);
    // Older clients double-encode the body as a JSON string; MLflow decodes it a second time.
    if (parsed.isTextual()) {
      parsed = parseJson(parsed.textValue());
    }
    if (!parsed.isObject()) {
      throw new MledgerException(
          ErrorCode.MALFORMED_REQUEST, "Request body must be a JSON object.");
    }
    return (ObjectNode) parsed;
  }

  private static JsonNode parseJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new MledgerException(
          ErrorCode.MALFORMED_REQUEST, "Malformed JSON request body: " + e.getOriginalMessage());
    }
  }

  private static void requireJsonContentType(String contentType) {
    if (contentType == null) {
      throw new MledgerException(
          ErrorCode.INVALID_PARAMETER_VALUE, "Bad Request. Content-Type header is missing.");
    }
    String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw new MledgerException(
          ErrorCode.INVALID_PARAMETER_VALUE,
          "Bad Request. Content-Type must be one of ['application/json'].");
    }
  }

  /** Splits a raw query string; {@code +} is a space and names may repeat. */
  static Map<String, List<String>> queryParameters(String queryString) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String pair : queryString.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new MledgerException(
          ErrorCode.MALFORMED_REQUEST, "Malformed query string: " + e.getMessage());
    }
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
