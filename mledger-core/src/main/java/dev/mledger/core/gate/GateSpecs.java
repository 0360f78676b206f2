package dev.mledger.core.gate;

import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Maps a {@link GateDefinition} to and from its JSON-shaped specification (the content of a gate
 * file; see {@code docs/GATES.md}). Reading is strict: unknown fields, wrong types and out-of-range
 * values are {@link InvalidGateException}s that name the path of the offending element.
 */
public final class GateSpecs {
  private static final Set<String> GATE_FIELDS = Set.of("name", "description", "rules");
  private static final Set<String> THRESHOLD_FIELDS =
      Set.of("name", "type", "metric", "direction", "threshold", "vs_champion");
  private static final Set<String> VERSUS_FIELDS = Set.of("min_improvement", "relative");
  private static final Set<String> GUARDRAIL_FIELDS =
      Set.of("name", "type", "kind", "metric", "limit");
  private static final Set<String> SIGNIFICANCE_FIELDS =
      Set.of(
          "name",
          "type",
          "metric",
          "direction",
          "pair_by",
          "tests",
          "alpha",
          "confidence",
          "min_effect",
          "correction");

  private GateSpecs() {}

  /**
   * Reads a gate from its specification tree ({@code Map}, {@code List}, {@code String}, {@code
   * Number}, {@code Boolean}, {@code null}).
   *
   * @throws InvalidGateException for anything that is not a valid gate, naming where
   */
  public static GateDefinition fromTree(Object tree) {
    SpecObject gate = SpecObject.of(tree, "");
    gate.allowOnly(GATE_FIELDS);
    String name = gate.string("name");
    String description = gate.text("description");
    List<?> ruleTrees = gate.list("rules");
    if (ruleTrees.isEmpty()) {
      throw new InvalidGateException("rules", "a gate needs at least one rule.");
    }
    List<GateRule> rules = new ArrayList<>();
    Map<String, String> pathsByName = new LinkedHashMap<>();
    for (int i = 0; i < ruleTrees.size(); i++) {
      String path = "rules[" + i + "]";
      GateRule rule = rule(SpecObject.of(ruleTrees.get(i), path));
      String earlier = pathsByName.putIfAbsent(rule.name(), path);
      if (earlier != null) {
        throw new InvalidGateException(
            path,
            "rule name '"
                + rule.name()
                + "' is already used by "
                + earlier
                + "; give one of them an explicit, different name.");
      }
      rules.add(rule);
    }
    return new GateDefinition(name, description, rules);
  }

  /** The specification tree of {@code gate}, with every default written out. */
  public static Map<String, Object> toTree(GateDefinition gate) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("name", gate.name());
    tree.put("description", gate.description());
    List<Object> rules = new ArrayList<>();
    for (GateRule rule : gate.rules()) {
      rules.add(ruleTree(rule));
    }
    tree.put("rules", rules);
    return tree;
  }

  /** SHA-256 of the canonical JSON of {@link #toTree}: identifies the gate's exact content. */
  public static String digest(GateDefinition gate) {
    return CanonicalJson.sha256(toTree(gate));
  }

  private static GateRule rule(SpecObject spec) {
    String type = spec.string("type");
    return switch (type) {
      case MetricThreshold.TYPE -> metricThreshold(spec);
      case Guardrail.TYPE -> guardrail(spec);
      case Significance.TYPE -> significance(spec);
      default ->
          throw new InvalidGateException(
              spec.child("type"),
              "unknown rule type '"
                  + type
                  + "'; expected 'metric_threshold', 'guardrail' or 'significance'.");
    };
  }

  private static MetricThreshold metricThreshold(SpecObject spec) {
    spec.allowOnly(THRESHOLD_FIELDS);
    String metric = spec.string("metric");
    Direction direction = parse(spec, "direction", Direction::fromName);
    ThresholdBound bound;
    if (spec.has("threshold") == spec.has("vs_champion")) {
      throw new InvalidGateException(
          spec.path(), "a metric_threshold needs exactly one of 'threshold' and 'vs_champion'.");
    }
    if (spec.has("threshold")) {
      bound = new ThresholdBound.Absolute(spec.number("threshold"));
    } else {
      SpecObject versus = SpecObject.of(spec.raw("vs_champion"), spec.child("vs_champion"));
      versus.allowOnly(VERSUS_FIELDS);
      bound =
          new ThresholdBound.VersusChampion(
              versus.number("min_improvement", 0.0), versus.bool("relative", false));
    }
    String name = spec.string("name", MetricThreshold.TYPE + ":" + metric);
    return new MetricThreshold(name, metric, direction, bound);
  }

  private static Guardrail guardrail(SpecObject spec) {
    spec.allowOnly(GUARDRAIL_FIELDS);
    GuardrailKind kind = parse(spec, "kind", GuardrailKind::fromName);
    String metric = spec.string("metric", kind.defaultMetric());
    double limit = spec.number("limit");
    return new Guardrail(spec.string("name", kind.specName()), kind, metric, limit);
  }

  private static Significance significance(SpecObject spec) {
    spec.allowOnly(SIGNIFICANCE_FIELDS);
    String metric = spec.string("metric");
    Direction direction = parse(spec, "direction", Direction::fromName);
    Set<PairedTestKind> tests = EnumSet.noneOf(PairedTestKind.class);
    if (spec.has("tests")) {
      List<?> names = spec.list("tests");
      for (int i = 0; i < names.size(); i++) {
        String path = spec.child("tests") + "[" + i + "]";
        if (!(names.get(i) instanceof String testName)) {
          throw new InvalidGateException(
              path, "expected a test name, got " + SpecObject.describe(names.get(i)) + ".");
        }
        tests.add(parseName(path, testName, PairedTestKind::fromName));
      }
      if (tests.isEmpty()) {
        throw new InvalidGateException(
            spec.child("tests"), "name at least one of 'paired_t', 'wilcoxon'.");
      }
    } else {
      tests.add(PairedTestKind.PAIRED_T);
    }
    CorrectionMethod correction =
        spec.has("correction")
            ? parse(spec, "correction", CorrectionMethod::fromName)
            : CorrectionMethod.HOLM;
    return new Significance(
        spec.string("name", Significance.TYPE + ":" + metric),
        metric,
        direction,
        spec.string("pair_by", Significance.DEFAULT_PAIR_BY),
        tests,
        spec.probability("alpha", Significance.DEFAULT_ALPHA),
        spec.probability("confidence", Significance.DEFAULT_CONFIDENCE),
        spec.number("min_effect", 0.0),
        correction);
  }

  private static <T> T parse(SpecObject spec, String key, Function<String, T> parser) {
    return parseName(spec.child(key), spec.string(key), parser);
  }

  private static <T> T parseName(String path, String name, Function<String, T> parser) {
    try {
      return parser.apply(name);
    } catch (MledgerException e) {
      throw new InvalidGateException(path, e.getMessage());
    }
  }

  private static Map<String, Object> ruleTree(GateRule rule) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("name", rule.name());
    tree.put("type", rule.type());
    tree.put("metric", rule.metric());
    if (rule instanceof MetricThreshold threshold) {
      tree.put("direction", threshold.direction().specName());
      if (threshold.bound() instanceof ThresholdBound.Absolute absolute) {
        tree.put("threshold", absolute.value());
      } else {
        ThresholdBound.VersusChampion versus = (ThresholdBound.VersusChampion) threshold.bound();
        Map<String, Object> versusTree = new LinkedHashMap<>();
        versusTree.put("min_improvement", versus.minImprovement());
        versusTree.put("relative", versus.relative());
        tree.put("vs_champion", versusTree);
      }
    } else if (rule instanceof Guardrail guardrail) {
      tree.put("kind", guardrail.kind().specName());
      tree.put("limit", guardrail.limit());
    } else {
      Significance significance = (Significance) rule;
      tree.put("direction", significance.direction().specName());
      tree.put("pair_by", significance.pairBy());
      tree.put("tests", significance.tests().stream().map(PairedTestKind::specName).toList());
      tree.put("alpha", significance.alpha());
      tree.put("confidence", significance.confidence());
      tree.put("min_effect", significance.minEffect());
      tree.put("correction", significance.correction().specName());
    }
    return tree;
  }
}
