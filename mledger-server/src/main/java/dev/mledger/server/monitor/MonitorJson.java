package dev.mledger.server.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.drift.CategoricalDrift;
import dev.mledger.core.drift.ColumnDrift;
import dev.mledger.core.drift.NumericDrift;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.monitor.AlertPolicy;
import dev.mledger.core.monitor.AlertRule;
import dev.mledger.core.monitor.FeatureReport;
import dev.mledger.core.monitor.FeatureSpec;
import dev.mledger.core.monitor.FeatureType;
import dev.mledger.core.monitor.MonitorDefinition;
import dev.mledger.core.monitor.MonitorEvent;
import dev.mledger.core.monitor.RetrainPolicy;
import dev.mledger.core.monitor.RootCause;
import dev.mledger.core.monitor.Severity;
import dev.mledger.core.monitor.SliceAnalysis;
import dev.mledger.core.monitor.Statistic;
import dev.mledger.core.monitor.WindowReport;
import dev.mledger.core.monitor.WindowSpec;
import dev.mledger.core.stats.AdjustmentMethod;
import dev.mledger.store.monitor.Delivery;
import dev.mledger.store.monitor.RetrainStep;
import dev.mledger.store.monitor.StoredAlert;
import dev.mledger.store.monitor.StoredMonitor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** JSON forms of monitors, policies, events, reports and alerts in the native API. */
final class MonitorJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private MonitorJson() {}

  static JsonNode parse(String body, String what) {
    if (body == null || body.isBlank()) {
      throw new MledgerException(
          ErrorCode.MALFORMED_REQUEST, "The request body must be " + what + ".");
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MledgerException(
          ErrorCode.MALFORMED_REQUEST, "Malformed JSON: " + e.getOriginalMessage());
    }
  }

  static String text(JsonNode node, String field, boolean required) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw MledgerException.invalidParameter(
            "Missing value for required parameter '" + field + "'.");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw MledgerException.invalidParameter("'" + field + "' must be a string.");
    }
    return v.asText();
  }

  private static double number(JsonNode node, String field, double fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw MledgerException.invalidParameter("'" + field + "' must be a number.");
    }
    return v.asDouble();
  }

  /** The definition part of a create request. */
  static MonitorDefinition definition(JsonNode body) {
    if (!body.isObject()) {
      throw new MledgerException(ErrorCode.MALFORMED_REQUEST, "The monitor must be a JSON object.");
    }
    JsonNode features = body.get("features");
    if (features == null || !features.isArray()) {
      throw MledgerException.invalidParameter(
          "'features' must be an array of {\"name\": ..., \"type\": \"numeric\"|\"categorical\"}.");
    }
    List<FeatureSpec> specs = new ArrayList<>();
    for (JsonNode f : features) {
      specs.add(
          new FeatureSpec(text(f, "name", true), FeatureType.fromName(text(f, "type", true))));
    }
    String prediction = text(body, "prediction_type", false);
    return new MonitorDefinition(
        text(body, "name", true),
        text(body, "model", true),
        text(body, "version", false),
        text(body, "reference", true),
        specs,
        prediction == null ? null : FeatureType.fromName(prediction),
        window(body.get("window")),
        text(body, "segment_column", false),
        embeddingDimension(body.get("embedding_dimension")));
  }

  private static Integer embeddingDimension(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.canConvertToInt() || !n.isIntegralNumber()) {
      throw MledgerException.invalidParameter("'embedding_dimension' must be a positive integer.");
    }
    return n.asInt();
  }

  private static WindowSpec window(JsonNode w) {
    if (w == null || w.isNull()) {
      return new WindowSpec.ByCount(1000);
    }
    if (w.has("count") == w.has("duration_seconds")) {
      throw MledgerException.invalidParameter(
          "'window' needs exactly one of 'count' and 'duration_seconds'.");
    }
    if (w.has("count")) {
      JsonNode c = w.get("count");
      if (!c.canConvertToInt()) {
        throw MledgerException.invalidParameter("'window.count' must be an integer.");
      }
      return new WindowSpec.ByCount(c.asInt());
    }
    return new WindowSpec.ByTime(Duration.ofSeconds(w.get("duration_seconds").asLong()));
  }

  static ObjectNode definitionJson(MonitorDefinition d) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", d.name());
    o.put("model", d.model());
    if (d.version() != null) {
      o.put("version", d.version());
    }
    o.put("reference", d.reference());
    ArrayNode features = o.putArray("features");
    for (FeatureSpec f : d.features()) {
      features.addObject().put("name", f.name()).put("type", f.type().jsonName());
    }
    if (d.prediction() != null) {
      o.put("prediction_type", d.prediction().jsonName());
    }
    ObjectNode window = o.putObject("window");
    if (d.window() instanceof WindowSpec.ByCount c) {
      window.put("count", c.size());
    } else {
      window.put("duration_seconds", ((WindowSpec.ByTime) d.window()).length().toSeconds());
    }
    if (d.segmentColumn() != null) {
      o.put("segment_column", d.segmentColumn());
    }
    if (d.embeddingDimension() != null) {
      o.put("embedding_dimension", d.embeddingDimension());
    }
    return o;
  }

  static AlertPolicy policy(JsonNode p) {
    if (p == null || p.isNull()) {
      return AlertPolicy.defaults();
    }
    JsonNode rules = p.get("rules");
    if (rules == null || !rules.isArray() || rules.isEmpty()) {
      throw MledgerException.invalidParameter(
          "'alert_policy.rules' must be a non-empty array of {statistic, threshold, severity}.");
    }
    List<AlertRule> list = new ArrayList<>();
    for (JsonNode r : rules) {
      JsonNode t = r.get("threshold");
      if (t == null || !t.isNumber()) {
        throw MledgerException.invalidParameter("Every alert rule needs a numeric 'threshold'.");
      }
      String severity = text(r, "severity", false);
      list.add(
          new AlertRule(
              Statistic.fromName(text(r, "statistic", true)),
              t.asDouble(),
              severity == null ? Severity.WARNING : Severity.fromName(severity)));
    }
    String correction = text(p, "correction", false);
    return new AlertPolicy(
        list,
        correction(correction == null ? "bh" : correction),
        Duration.ofMillis(Math.round(number(p, "cooldown_seconds", 3600) * 1000)),
        number(p, "hysteresis", 0.1));
  }

  private static Optional<AdjustmentMethod> correction(String name) {
    return switch (name) {
      case "none" -> Optional.empty();
      case "bonferroni" -> Optional.of(AdjustmentMethod.BONFERRONI);
      case "holm" -> Optional.of(AdjustmentMethod.HOLM);
      case "bh" -> Optional.of(AdjustmentMethod.BENJAMINI_HOCHBERG);
      default ->
          throw MledgerException.invalidParameter(
              "Unknown correction '" + name + "'; use none, bonferroni, holm or bh.");
    };
  }

  static ObjectNode policyJson(AlertPolicy p) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode rules = o.putArray("rules");
    for (AlertRule r : p.rules()) {
      rules
          .addObject()
          .put("statistic", r.statistic().jsonName())
          .put("threshold", r.threshold())
          .put("severity", r.severity().jsonName());
    }
    o.put(
        "correction",
        p.correction()
            .map(
                m ->
                    switch (m) {
                      case BONFERRONI -> "bonferroni";
                      case HOLM -> "holm";
                      case BENJAMINI_HOCHBERG -> "bh";
                    })
            .orElse("none"));
    o.put("cooldown_seconds", p.cooldown().toMillis() / 1000.0);
    o.put("hysteresis", p.hysteresis());
    return o;
  }

  static RetrainPolicy retrainPolicy(JsonNode p) {
    if (p == null || !p.isObject()) {
      throw new MledgerException(
          ErrorCode.MALFORMED_REQUEST, "The retrain policy must be a JSON object.");
    }
    List<String> command = new ArrayList<>();
    JsonNode c = p.get("command");
    if (c != null && !c.isNull()) {
      if (!c.isArray()) {
        throw MledgerException.invalidParameter("'command' must be an array of strings (argv).");
      }
      c.forEach(a -> command.add(a.asText()));
    }
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode e = p.get("environment");
    if (e != null && e.isObject()) {
      e.fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
    }
    String severity = text(p, "min_severity", false);
    JsonNode drop = p.get("max_accuracy_drop");
    JsonNode baseline = p.get("baseline_accuracy");
    JsonNode schedule = p.get("schedule_seconds");
    JsonNode gate = p.get("gate");
    String approval = text(p, "approval", false);
    if (approval != null && !approval.equals("required") && !approval.equals("automatic")) {
      throw MledgerException.invalidParameter(
          "'approval' must be 'required' or 'automatic', got '" + approval + "'.");
    }
    return new RetrainPolicy(
        severity == null ? null : Severity.fromName(severity),
        drop == null || drop.isNull() ? null : drop.asDouble(),
        baseline == null || baseline.isNull() ? null : baseline.asDouble(),
        schedule == null || schedule.isNull() ? null : Duration.ofSeconds(schedule.asLong()),
        (long) number(p, "min_new_rows", 0),
        Duration.ofSeconds((long) number(p, "cooldown_seconds", 3600)),
        (int) number(p, "budget", 1),
        Duration.ofSeconds((long) number(p, "budget_period_seconds", 86_400)),
        command,
        text(p, "webhook_url", false),
        gate == null || gate.isNull() ? null : gate.toString(),
        env,
        "required".equals(approval));
  }

  static ObjectNode monitorJson(StoredMonitor m, MonitorSpec spec) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", m.id());
    o.setAll(definitionJson(spec.definition()));
    o.set("alert_policy", policyJson(spec.policy()));
    if (spec.webhookUrl() != null) {
      // The secret is write-only: it never leaves the server.
      o.putObject("webhook")
          .put("url", spec.webhookUrl())
          .put("signed", spec.webhookSecret() != null);
    }
    o.put("events", m.eventCount());
    o.put("reported_through", m.reportedThrough());
    o.put("created_time", m.createdTime());
    if (m.retrainPolicyJson() != null) {
      try {
        o.set("retrain_policy", JSON.readTree(m.retrainPolicyJson()));
      } catch (JsonProcessingException e) {
        throw new MledgerException(ErrorCode.INTERNAL_ERROR, "Stored retrain policy is unreadable");
      }
    }
    return o;
  }

  static String eventJson(MonitorEvent e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("timestamp", e.timestamp());
    o.set("features", JSON.valueToTree(e.features()));
    o.set("prediction", JSON.valueToTree(e.prediction()));
    o.set("label", JSON.valueToTree(e.label()));
    if (e.latencyMs() != null) {
      o.put("latency_ms", e.latencyMs());
    }
    if (e.cost() != null) {
      o.put("cost", e.cost());
    }
    if (e.embedding() != null) {
      ArrayNode embedding = o.putArray("embedding");
      for (double v : e.embedding()) {
        embedding.add(v);
      }
    }
    return o.toString();
  }

  static Object plain(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new MledgerException(ErrorCode.INTERNAL_ERROR, "Stored event is unreadable");
    }
  }

  private static void putFinite(ObjectNode o, String field, double value) {
    if (Double.isFinite(value)) {
      o.put(field, value);
    } else {
      o.putNull(field);
    }
  }

  static ObjectNode featureJson(FeatureReport f) {
    ObjectNode o = JSON.createObjectNode();
    o.put("feature", f.feature());
    o.put("drifted", f.drifted());
    ColumnDrift d = f.drift();
    if (d != null) {
      o.put("test", d.verdict().test().jsonName());
      o.put("statistic", d.verdict().test().statistic());
      putFinite(o, "value", d.verdict().value());
      o.put("threshold", d.verdict().threshold());
      o.put("reference_count", d.referenceCount());
      o.put("current_count", d.currentCount());
      o.put(
          "approximate",
          d instanceof NumericDrift n ? n.approximate() : ((CategoricalDrift) d).approximate());
      var div =
          d instanceof NumericDrift n ? n.divergences() : ((CategoricalDrift) d).divergences();
      putFinite(o, "psi", div.psi());
      putFinite(o, "js", div.js());
      putFinite(o, "kl", div.kl());
      if (d instanceof NumericDrift n) {
        putFinite(o, "ks_statistic", n.ks().statistic());
        putFinite(o, "ks_pvalue", n.ks().pValue());
        putFinite(o, "wasserstein", n.wasserstein());
        putFinite(o, "wasserstein_norm", n.wassersteinNorm());
      } else {
        CategoricalDrift c = (CategoricalDrift) d;
        putFinite(o, "chi2_pvalue", c.chiSquare().pValue());
        putFinite(o, "g_pvalue", c.gTest().pValue());
        ArrayNode unseen = o.putArray("unseen_categories");
        c.unseenCategories().forEach(unseen::add);
      }
    }
    ObjectNode q = o.putObject("quality");
    q.put("rows", f.quality().rows());
    q.put("nulls", f.quality().nulls());
    q.put("null_rate", f.quality().nullRate());
    q.put("out_of_range", f.quality().outOfRange());
    q.put("unseen", f.quality().unseen());
    return o;
  }

  static ObjectNode reportJson(WindowReport r, List<SliceAnalysis.Slice> slices) {
    ObjectNode o = JSON.createObjectNode();
    o.put("window_start", r.windowStart());
    o.put("window_end", r.windowEnd());
    o.put("rows", r.rows());
    o.put("drifted_features", r.driftedFeatures());
    o.put("drift_share", r.driftShare());
    ArrayNode features = o.putArray("features");
    r.features().forEach(f -> features.add(featureJson(f)));
    if (r.prediction() != null) {
      o.set("prediction", featureJson(r.prediction()));
    }
    if (r.performance() != null) {
      ObjectNode p = o.putObject("performance");
      p.put("labelled", r.performance().labelled());
      if (r.performance().accuracy() != null) {
        p.put("accuracy", r.performance().accuracy());
      }
      if (r.performance().mae() != null) {
        p.put("mae", r.performance().mae());
        p.put("rmse", r.performance().rmse());
      }
    }
    if (r.latency() != null) {
      ObjectNode l = o.putObject("latency_ms");
      l.put("count", r.latency().count());
      l.put("mean", r.latency().mean());
      l.put("p50", r.latency().p50());
      l.put("p95", r.latency().p95());
      l.put("p99", r.latency().p99());
      l.put("max", r.latency().max());
    }
    o.put("cost", r.totalCost());
    if (r.embedding() != null) {
      var e = r.embedding();
      ObjectNode n = o.putObject("embedding");
      n.put("test", "mmd");
      n.put("rows", e.currentRows());
      n.put("reference_rows", e.referenceRows());
      putFinite(n, "mmd", e.result().mmdSquared());
      putFinite(n, "p_value", e.result().pValue());
      n.put("threshold", e.pValueThreshold());
      n.put("drifted", e.drifted());
      putFinite(n, "mean_embedding_distance", e.result().meanEmbeddingDistance());
      putFinite(n, "mean_embedding_cosine_distance", e.result().meanEmbeddingCosineDistance());
      putFinite(n, "bandwidth", e.result().bandwidth());
      n.put("permutations", e.result().permutations());
      n.put("reference_rows_used", e.result().referenceRowsUsed());
      n.put("current_rows_used", e.result().currentRowsUsed());
    }
    ArrayNode ranked = o.putArray("root_cause");
    for (RootCause.RankedFeature f : RootCause.rank(r)) {
      ObjectNode n = ranked.addObject();
      n.put("feature", f.feature());
      n.put("test", f.test());
      putFinite(n, "value", f.value());
      n.put("threshold", f.threshold());
      putFinite(n, "score", f.score());
      putFinite(n, "psi", f.psi());
    }
    if (!slices.isEmpty()) {
      ArrayNode s = o.putArray("slices");
      for (SliceAnalysis.Slice slice : slices) {
        ObjectNode n = s.addObject();
        n.put("segment", slice.segment());
        n.put("rows", slice.report().rows());
        n.put("drift_share", slice.report().driftShare());
        ArrayNode drifted = n.putArray("drifted_features");
        slice.report().features().stream()
            .filter(FeatureReport::drifted)
            .forEach(f -> drifted.add(f.feature()));
      }
    }
    return o;
  }

  static ObjectNode alertJson(StoredAlert a) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", a.id());
    o.put("monitor_id", a.monitorId());
    o.put("report_id", a.reportId());
    o.put("feature", a.transition().key().feature());
    o.put("statistic", a.transition().key().statistic().jsonName());
    o.put("kind", a.transition().kind().jsonName());
    o.put("severity", a.transition().severity().jsonName());
    putFinite(o, "value", a.transition().value());
    o.put("threshold", a.transition().threshold());
    o.put("message", a.message());
    o.put("created_time", a.createdTime());
    o.put("acknowledged", a.acknowledged());
    if (a.acknowledged()) {
      o.put("acknowledged_by", a.acknowledgedBy());
      o.put("acknowledged_time", a.acknowledgedTime());
      o.put("ack_comment", a.ackComment());
    }
    return o;
  }

  static ObjectNode deliveryJson(Delivery d) {
    ObjectNode o = JSON.createObjectNode();
    o.put("attempt", d.attempt());
    if (d.statusCode() != null) {
      o.put("status_code", d.statusCode());
    }
    if (d.error() != null) {
      o.put("error", d.error());
    }
    o.put("succeeded", d.succeeded());
    o.put("time", d.createdTime());
    return o;
  }

  static ObjectNode stepJson(RetrainStep s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("attempt_id", s.attemptId());
    o.put("ordinal", s.ordinal());
    o.put("step", s.step());
    o.set("detail", JSON.valueToTree(plain(s.detail())));
    o.put("time", s.createdTime());
    return o;
  }
}
