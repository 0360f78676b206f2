package dev.mledger.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.audit.AuditEvent;
import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.store.audit.AuditScope;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Makes every mutating request to the registry, promotion-gate and dataset APIs (MLflow's registry
 * API, the native registry, gate and dataset APIs) one audit entry, written by the stores in the
 * same transaction as the request's first mutation (see {@link AuditScope}). Before the route's
 * handler runs, the request's entry is bound to the handling thread; a request that changes nothing
 * (refused, invalid, or a no-op read) leaves no entry, and one whose mutation commits always has
 * one.
 *
 * <p>The entry records the actor (basic-auth user, else {@code X-Mledger-User}, else the body's
 * {@code actor}, else {@code anonymous}), the action ({@code METHOD route}), the subject (model
 * version, registered model, decision, dataset...) and as details the path parameters and the
 * request body (or its SHA-256 when the body is large).
 */
public final class RequestAuditScopes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_IN_DETAILS = 64 * 1024;
  private static final String SCOPE_ATTRIBUTE = RequestAuditScopes.class.getName();
  static final String USER_HEADER = "X-Mledger-User";
  static final String ANONYMOUS = "anonymous";

  private static final List<String> AUDITED_PREFIXES =
      List.of(
          "/api/2.0/mlflow/registered-models/",
          "/api/2.0/mlflow/model-versions/",
          "/ajax-api/2.0/mlflow/registered-models/",
          "/ajax-api/2.0/mlflow/model-versions/",
          "/api/v1/registry/",
          "/api/v1/gates/",
          "/api/v1/decisions/",
          "/api/v1/datasets");

  /**
   * Routes that answer POST but change nothing (MLflow allows POST for these reads; a dataset
   * contract check only evaluates).
   */
  private static final List<String> READ_ONLY_SUFFIXES =
      List.of("/get-latest-versions", "/search", "/get", "/evaluate/dry-run", "/check");

  private RequestAuditScopes() {}

  /**
   * Installs the handlers: every request starts and ends with no scope bound to its thread (pooled
   * threads never lend one request's actor to the next), and matched mutating routes open theirs.
   */
  public static void install(Javalin app) {
    app.before(ctx -> AuditScope.clear());
    app.beforeMatched(RequestAuditScopes::open);
    app.after(RequestAuditScopes::close);
  }

  private static void open(Context ctx) {
    String route = ctx.endpointHandlerPath();
    if (!isAuditedMutation(ctx.method(), route)) {
      return;
    }
    Map<String, Object> body = bodyObject(ctx);
    Subject subject = subject(route, ctx.pathParamMap(), body);
    Map<String, Object> details = new LinkedHashMap<>();
    if (!ctx.pathParamMap().isEmpty()) {
      details.put("path_params", new LinkedHashMap<String, Object>(ctx.pathParamMap()));
    }
    String raw = ctx.body();
    if (raw.length() > MAX_BODY_IN_DETAILS) {
      details.put("request_sha256", CanonicalJson.sha256Hex(raw.getBytes(StandardCharsets.UTF_8)));
    } else if (body != null) {
      details.put("request", body);
    } else if (!raw.isBlank()) {
      details.put("request_text", raw);
    }
    AuditEvent event =
        new AuditEvent(
            clip(actor(ctx, body)),
            ctx.method().name() + " " + route,
            subject.type,
            clip(subject.id),
            details);
    ctx.attribute(SCOPE_ATTRIBUTE, AuditScope.open(event));
  }

  private static void close(Context ctx) {
    AuditScope scope = ctx.attribute(SCOPE_ATTRIBUTE);
    if (scope != null) {
      scope.close();
    }
    AuditScope.clear();
  }

  static boolean isAuditedMutation(HandlerType method, String route) {
    if (method == HandlerType.GET
        || method == HandlerType.HEAD
        || method == HandlerType.OPTIONS
        || route == null) {
      return false;
    }
    return AUDITED_PREFIXES.stream().anyMatch(route::startsWith)
        && READ_ONLY_SUFFIXES.stream().noneMatch(route::endsWith);
  }

  private record Subject(String type, String id) {}

  /**
   * Keeps a caller-supplied actor or name within what an entry holds, so an oversized header or
   * name is validated by the handler (with a proper error) instead of failing before it.
   */
  private static String clip(String text) {
    return text.length() <= AuditEvent.MAX_FIELD_LENGTH
        ? text
        : text.substring(0, AuditEvent.MAX_FIELD_LENGTH);
  }

  private static Subject subject(
      String route, Map<String, String> pathParams, Map<String, Object> body) {
    String name = firstText(pathParams.get("name"), body, "name");
    String version = firstText(pathParams.get("version"), body, "version");
    if (route.startsWith("/api/v1/decisions/")) {
      return new Subject("gate_decision", pathParams.getOrDefault("id", "?"));
    }
    if (route.startsWith("/api/v1/gates/")) {
      String model = firstText(null, body, "model");
      String candidate = firstText(null, body, "candidate");
      return new Subject(
          "gate_evaluation",
          (model == null ? "?" : model) + (candidate == null ? "" : "/" + candidate));
    }
    if (route.startsWith("/api/v1/datasets")) {
      return new Subject(
          "dataset", name == null ? "?" : name + (version == null ? "" : "@" + version));
    }
    if (version != null && name != null) {
      return new Subject("model_version", name + "/" + version);
    }
    return new Subject("registered_model", name == null ? "?" : name);
  }

  private static String firstText(String preferred, Map<String, Object> body, String field) {
    if (preferred != null && !preferred.isBlank()) {
      return preferred;
    }
    Object value = body == null ? null : body.get(field);
    return value == null ? null : value.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> bodyObject(Context ctx) {
    String text = ctx.body();
    if (text.isBlank() || text.length() > MAX_BODY_IN_DETAILS) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(text);
      if (node instanceof ObjectNode) {
        // Re-read strictly so the details are exactly the canonical JSON value types.
        return (Map<String, Object>) CanonicalJson.parse(JSON.writeValueAsString(node));
      }
    } catch (Exception e) {
      // Not JSON (e.g. a form): kept as text by the caller.
    }
    return null;
  }

  private static String actor(Context ctx, Map<String, Object> body) {
    return basicAuthUser(ctx.header("Authorization"))
        .or(
            () ->
                Optional.ofNullable(ctx.header(USER_HEADER))
                    .filter(h -> !h.isBlank())
                    .map(String::strip))
        .or(
            () ->
                Optional.ofNullable(body == null ? null : body.get("actor"))
                    .map(Object::toString)
                    .filter(a -> !a.isBlank()))
        .orElse(ANONYMOUS);
  }

  private static Optional<String> basicAuthUser(String authorization) {
    if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("basic ")) {
      return Optional.empty();
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).strip()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      String user = colon < 0 ? decoded : decoded.substring(0, colon);
      return user.isBlank() ? Optional.empty() : Optional.of(user);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
