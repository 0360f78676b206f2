package dev.mledger.server.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.gate.GateDefinition;
import dev.mledger.core.gate.PromotionOverride;
import dev.mledger.core.gate.PromotionTarget;
import dev.mledger.core.gate.RecordedDecision;
import dev.mledger.core.modelcard.ModelCards;
import dev.mledger.server.http.JsonResponses;
import dev.mledger.server.http.Routes;
import dev.mledger.store.gate.GateFiles;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The native promotion-gate API under {@code /api/v1}: gate evaluation, decisions and approvals,
 * enforced promotion, model cards and rollback. Bodies and answers are JSON; errors are MLflow's
 * {@code {"error_code", "message"}}.
 */
public final class GateApi {
  static final String USER_HEADER = "X-Mledger-User";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GateService gates;
  private final ModelCardBuilder cards;

  public GateApi(GateService gates) {
    this.gates = gates;
    this.cards = new ModelCardBuilder(gates);
  }

  public void register(Routes routes) {
    routes.add(HandlerType.POST, "/api/v1/gates/evaluate", this::evaluate);
    routes.add(HandlerType.GET, "/api/v1/decisions", this::listDecisions);
    routes.add(HandlerType.GET, "/api/v1/decisions/{id}", this::getDecision);
    routes.add(HandlerType.POST, "/api/v1/decisions/{id}/approve", this::approve);
    String version = "/api/v1/registry/models/{name}/versions/{version}";
    routes.add(HandlerType.POST, version + "/promote", this::promote);
    routes.add(HandlerType.GET, version + "/card", this::card);
    routes.add(
        HandlerType.GET, "/api/v1/registry/models/{name}/rollback-candidates", this::candidates);
    routes.add(HandlerType.POST, "/api/v1/registry/models/{name}/rollback", this::rollback);
  }

  private void evaluate(Context ctx) {
    JsonNode body = body(ctx);
    GateDefinition gate = gate(body);
    String model = requiredText(body, "model");
    List<String> candidates = new ArrayList<>();
    if (body.hasNonNull("candidate")) {
      candidates.add(requiredText(body, "candidate"));
    }
    JsonNode list = body.path("candidates");
    if (list.isArray()) {
      list.forEach(v -> candidates.add(v.asText()));
    } else if (!list.isMissingNode() && !list.isNull()) {
      throw MledgerException.invalidParameter("'candidates' must be a list of versions.");
    }
    String champion = optionalText(body, "champion");
    List<Object> decisions = new ArrayList<>();
    for (RecordedDecision d : gates.evaluate(gate, model, candidates, champion)) {
      decisions.add(GateJson.decision(d));
    }
    ok(ctx, Map.of("decisions", decisions));
  }

  private void listDecisions(Context ctx) {
    String model = ctx.queryParam("model");
    if (model == null || model.isBlank()) {
      throw MledgerException.invalidParameter("Query parameter 'model' is required.");
    }
    List<Object> decisions = new ArrayList<>();
    for (RecordedDecision d : gates.decisions(model, ctx.queryParam("version"))) {
      decisions.add(GateJson.decision(d));
    }
    ok(ctx, Map.of("decisions", decisions));
  }

  private void getDecision(Context ctx) {
    ok(ctx, GateJson.decision(gates.decision(ctx.pathParam("id"))));
  }

  private void approve(Context ctx) {
    JsonNode body = body(ctx);
    String approver = optionalText(body, "approver");
    if (approver == null) {
      approver = ctx.header(USER_HEADER);
    }
    if (approver == null || approver.isBlank()) {
      throw MledgerException.invalidParameter(
          "An approval needs an 'approver' (or the " + USER_HEADER + " header).");
    }
    ok(
        ctx,
        GateJson.decision(
            gates.approve(ctx.pathParam("id"), approver, optionalText(body, "comment"))));
  }

  private void promote(Context ctx) {
    JsonNode body = body(ctx);
    PromotionOverride override = null;
    JsonNode o = body.path("override");
    if (o.isObject()) {
      override = new PromotionOverride(requiredText(o, "reason"), requiredText(o, "actor"));
    } else if (!o.isMissingNode() && !o.isNull()) {
      throw MledgerException.invalidParameter("'override' must be an object {reason, actor}.");
    }
    GateService.Promotion promotion =
        gates.promote(
            ctx.pathParam("name"),
            ctx.pathParam("version"),
            target(body),
            optionalText(body, "decision_id"),
            override,
            actor(ctx, body));
    ok(ctx, GateJson.promotion(promotion));
  }

  private void card(Context ctx) {
    String format = ctx.queryParam("format");
    var inputs = cards.build(ctx.pathParam("name"), ctx.pathParam("version"));
    if (format == null || format.equals("json")) {
      ok(ctx, ModelCards.toTree(inputs));
    } else if (format.equals("md") || format.equals("markdown")) {
      JsonResponses.send(ctx, 200, "text/markdown; charset=utf-8", ModelCards.toMarkdown(inputs));
    } else {
      throw MledgerException.invalidParameter(
          "format must be 'md' or 'json', got '" + format + "'.");
    }
  }

  private void candidates(Context ctx) {
    boolean strict = Boolean.parseBoolean(ctx.queryParam("strict"));
    PromotionTarget target = target(ctx.queryParam("alias"), ctx.queryParam("stage"));
    ok(ctx, GateJson.rollbackPlan(gates.rollbackCandidates(ctx.pathParam("name"), target), strict));
  }

  private void rollback(Context ctx) {
    JsonNode body = body(ctx);
    boolean strict = body.path("strict").asBoolean(false);
    GateService.Promotion promotion =
        gates.rollback(
            ctx.pathParam("name"),
            target(body),
            actor(ctx, body),
            optionalText(body, "reason"),
            strict);
    ok(ctx, GateJson.promotion(promotion));
  }

  private static GateDefinition gate(JsonNode body) {
    if (body.hasNonNull("gate_yaml")) {
      return GateFiles.parse(requiredText(body, "gate_yaml"), "gate_yaml");
    }
    JsonNode gate = body.path("gate");
    if (!gate.isObject()) {
      throw MledgerException.invalidParameter(
          "The request needs a 'gate' object (or 'gate_yaml' text); see docs/GATES.md.");
    }
    try {
      return GateFiles.parse(JSON.writeValueAsString(gate), "gate");
    } catch (JsonProcessingException e) {
      throw MledgerException.invalidParameter("Unreadable gate: " + e.getOriginalMessage());
    }
  }

  private static PromotionTarget target(JsonNode body) {
    return target(optionalText(body, "alias"), optionalText(body, "stage"));
  }

  private static PromotionTarget target(String alias, String stage) {
    if ((alias == null) == (stage == null)) {
      throw MledgerException.invalidParameter(
          "Name exactly one target: 'alias' (e.g. champion) or 'stage' (e.g. Production).");
    }
    return alias != null ? new PromotionTarget.Alias(alias) : new PromotionTarget.Stage(stage);
  }

  private static String actor(Context ctx, JsonNode body) {
    String actor = optionalText(body, "actor");
    return actor != null ? actor : ctx.header(USER_HEADER);
  }

  private static JsonNode body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(text);
      if (!node.isObject()) {
        throw new MledgerException(
            ErrorCode.MALFORMED_REQUEST, "The request body must be a JSON object.");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MledgerException(
          ErrorCode.MALFORMED_REQUEST, "Malformed JSON request body: " + e.getOriginalMessage());
    }
  }

  private static String requiredText(JsonNode node, String field) {
    String value = optionalText(node, field);
    if (value == null) {
      throw MledgerException.invalidParameter(
          "Missing value for required parameter '" + field + "'.");
    }
    return value;
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode() || value.asText().isBlank()) {
      throw MledgerException.invalidParameter("'" + field + "' must be a non-empty string.");
    }
    return value.asText();
  }

  private static void ok(Context ctx, Map<String, Object> body) {
    try {
      JsonResponses.send(
          ctx, 200, JsonResponses.CONTENT_TYPE, JSON.writeValueAsString(new LinkedHashMap<>(body)));
    } catch (JsonProcessingException e) {
      throw new MledgerException(ErrorCode.INTERNAL_ERROR, "Cannot write the response.", e);
    }
  }
}
