package dev.mledger.core.modelcard;

import dev.mledger.core.gate.DecisionApproval;
import dev.mledger.core.gate.PromotionRecord;
import dev.mledger.core.gate.RecordedDecision;
import dev.mledger.core.gate.RuleOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a model card as Markdown for people and as a JSON tree for tools; both carry the same
 * facts in the same order. Non-finite numbers are left out of the JSON rather than invented.
 */
public final class ModelCards {
  private ModelCards() {}

  /** The card as a JSON-shaped tree ({@code Map}/{@code List}/scalars, insertion-ordered). */
  public static Map<String, Object> toTree(ModelCardInputs in) {
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("schema", "mledger.model-card/1");
    card.put("model_name", in.modelName());
    card.put("version", in.version());
    card.put("description", in.description());
    card.put("stage", in.stage());
    card.put("aliases", in.aliases());
    card.put("source_run_id", in.sourceRunId());
    card.put("generated_at", in.generatedAt().toString());
    card.put("params", in.params());
    List<Object> metrics = new ArrayList<>();
    for (ModelCardInputs.MetricSummary m : in.metrics()) {
      Map<String, Object> metric = new LinkedHashMap<>();
      metric.put("key", m.key());
      putFinite(metric, "value", m.value());
      if (m.hasInterval()) {
        metric.put("seeds", (long) m.seeds());
        putFinite(metric, "mean", m.mean());
        metric.put("ci_low", m.ciLow());
        metric.put("ci_high", m.ciHigh());
        metric.put("confidence", m.confidence());
      }
      metrics.add(metric);
    }
    card.put("metrics", metrics);
    if (in.envelope() != null) {
      Map<String, Object> envelope = new LinkedHashMap<>();
      envelope.put("fingerprint", in.envelope().fingerprint());
      envelope.put("intact", in.envelope().intact());
      envelope.put("code_commit", in.envelope().codeCommit());
      envelope.put("datasets", in.envelope().datasets());
      envelope.put("seed", in.envelope().seed());
      card.put("envelope", envelope);
    } else {
      card.put("envelope", null);
    }
    card.put("lineage", lineageTree(in));
    List<Object> decisions = new ArrayList<>();
    for (RecordedDecision d : in.decisions()) {
      Map<String, Object> decision = new LinkedHashMap<>();
      decision.put("id", d.id());
      decision.put("digest", d.digest());
      decision.put("gate", d.decision().gate().name());
      decision.put("passed", d.decision().passed());
      decision.put("champion_version", d.decision().championVersion());
      decision.put("evaluated_at", d.decision().evaluatedAt().toString());
      List<Object> outcomes = new ArrayList<>();
      for (RuleOutcome o : d.decision().outcomes()) {
        outcomes.add(
            Map.of(
                "rule", o.rule(),
                "status", o.status().name().toLowerCase(Locale.ROOT),
                "reason", o.reason()));
      }
      decision.put("outcomes", outcomes);
      List<Object> approvals = new ArrayList<>();
      for (DecisionApproval a : d.approvals()) {
        approvals.add(
            Map.of(
                "approver", a.approver(),
                "approved_at", a.approvedAt().toString(),
                "comment", a.comment()));
      }
      decision.put("approvals", approvals);
      decisions.add(decision);
    }
    card.put("gate_decisions", decisions);
    List<Object> promotions = new ArrayList<>();
    for (PromotionRecord p : in.promotions()) {
      Map<String, Object> promotion = new LinkedHashMap<>();
      promotion.put("target", p.target().kind() + ":" + p.target().name());
      promotion.put("decision_id", p.decisionId());
      promotion.put("override_reason", p.override() == null ? null : p.override().reason());
      promotion.put("actor", p.actor());
      promotion.put("promoted_at", p.promotedAt().toString());
      promotions.add(promotion);
    }
    card.put("promotions", promotions);
    return card;
  }

  /** The card as Markdown. */
  public static String toMarkdown(ModelCardInputs in) {
    StringBuilder md = new StringBuilder();
    md.append("# Model card: ")
        .append(escape(in.modelName()))
        .append(" version ")
        .append(in.version())
        .append("\n\n");
    if (!in.description().isEmpty()) {
      md.append(escape(in.description())).append("\n\n");
    }
    md.append("- Stage: ").append(in.stage()).append('\n');
    md.append("- Aliases: ")
        .append(in.aliases().isEmpty() ? "none" : String.join(", ", in.aliases()))
        .append('\n');
    md.append("- Source run: ")
        .append(in.sourceRunId() == null ? "unknown" : "`" + in.sourceRunId() + "`")
        .append('\n');
    md.append("- Generated: ").append(in.generatedAt()).append("\n\n");

    md.append("## Metrics\n\n");
    if (in.metrics().isEmpty()) {
      md.append("No metrics were logged on the source run.\n\n");
    } else {
      md.append("| Metric | Value | Mean over seeds | Confidence interval |\n");
      md.append("|---|---|---|---|\n");
      for (ModelCardInputs.MetricSummary m : in.metrics()) {
        md.append("| ").append(escape(m.key())).append(" | ").append(number(m.value()));
        if (m.hasInterval()) {
          md.append(" | ")
              .append(number(m.mean()))
              .append(" (n = ")
              .append(m.seeds())
              .append(") | ")
              .append(percent(m.confidence()))
              .append(" [")
              .append(number(m.ciLow()))
              .append(", ")
              .append(number(m.ciHigh()))
              .append("] |\n");
        } else {
          md.append(" | – | – |\n");
        }
      }
      md.append('\n');
    }

    if (!in.params().isEmpty()) {
      md.append("## Parameters\n\n| Parameter | Value |\n|---|---|\n");
      in.params()
          .forEach(
              (k, v) ->
                  md.append("| ").append(escape(k)).append(" | ").append(escape(v)).append(" |\n"));
      md.append('\n');
    }

    md.append("## Reproducibility envelope\n\n");
    if (in.envelope() == null) {
      md.append("No envelope was recorded for the source run.\n\n");
    } else {
      ModelCardInputs.EnvelopeSummary e = in.envelope();
      md.append("- Fingerprint: `")
          .append(e.fingerprint())
          .append("` (")
          .append(e.intact() ? "intact" : "DOES NOT MATCH the stored envelope")
          .append(")\n");
      md.append("- Code: ")
          .append(e.codeCommit() == null ? "unknown" : "`" + e.codeCommit() + "`")
          .append('\n');
      md.append("- Seed: ").append(e.seed() == null ? "unknown" : e.seed()).append('\n');
      md.append("- Datasets: ")
          .append(e.datasets().isEmpty() ? "none recorded" : String.join("; ", e.datasets()))
          .append("\n\n");
    }

    lineageMarkdown(in, md);

    md.append("## Gate decisions\n\n");
    if (in.decisions().isEmpty()) {
      md.append("No gate was evaluated for this version.\n\n");
    }
    for (RecordedDecision d : in.decisions()) {
      md.append("### ")
          .append(escape(d.decision().gate().name()))
          .append(": ")
          .append(d.decision().passed() ? "PASSED" : "FAILED")
          .append("\n\n");
      md.append("- Decision `")
          .append(d.id())
          .append("`, digest `")
          .append(d.digest())
          .append("`\n");
      md.append("- Evaluated ")
          .append(d.decision().evaluatedAt())
          .append(" against ")
          .append(
              d.decision().championVersion() == null
                  ? "no champion"
                  : "champion version " + d.decision().championVersion())
          .append('\n');
      if (d.approvals().isEmpty()) {
        md.append("- Not approved\n");
      }
      for (DecisionApproval a : d.approvals()) {
        md.append("- Approved by ")
            .append(escape(a.approver()))
            .append(" at ")
            .append(a.approvedAt())
            .append(a.comment().isEmpty() ? "" : ": " + escape(a.comment()))
            .append('\n');
      }
      md.append("\n| Rule | Outcome | Why |\n|---|---|---|\n");
      for (RuleOutcome o : d.decision().outcomes()) {
        md.append("| ")
            .append(escape(o.rule()))
            .append(" | ")
            .append(o.status().name().toLowerCase(Locale.ROOT).replace('_', ' '))
            .append(" | ")
            .append(escape(o.reason()))
            .append(" |\n");
      }
      md.append('\n');
    }

    md.append("## Promotions\n\n");
    if (in.promotions().isEmpty()) {
      md.append("This version has not been promoted.\n");
    }
    for (PromotionRecord p : in.promotions()) {
      md.append("- ")
          .append(p.promotedAt())
          .append(": ")
          .append(p.target().kind())
          .append(" `")
          .append(escape(p.target().name()))
          .append("` by ")
          .append(escape(p.actor()))
          .append(
              p.override() == null
                  ? " on decision `" + p.decisionId() + "`"
                  : " by OVERRIDE (" + escape(p.override().reason()) + ")")
          .append('\n');
    }
    return md.toString();
  }

  private static Map<String, Object> lineageTree(ModelCardInputs in) {
    CardLineage graph = in.lineageGraph();
    Map<String, Object> lineage = new LinkedHashMap<>();
    lineage.put("inputs", in.lineage());
    lineage.put("envelope_fingerprint", in.envelope() == null ? null : in.envelope().fingerprint());
    lineage.put("recorded", !graph.isEmpty());
    List<Object> upstream = new ArrayList<>();
    for (CardLineage.Node n : graph.upstream()) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("id", n.id());
      node.put("kind", n.kind());
      node.put("distance", (long) n.distance());
      node.put("version", n.version());
      node.put("produced_by", n.producedBy());
      node.put("facts", n.facts());
      upstream.add(node);
    }
    lineage.put("upstream", upstream);
    List<Object> edges = new ArrayList<>();
    for (CardLineage.Edge e : graph.edges()) {
      Map<String, Object> edge = new LinkedHashMap<>();
      edge.put("from", e.from());
      edge.put("to", e.to());
      edge.put("relation", e.relation());
      edges.add(edge);
    }
    lineage.put("edges", edges);
    Map<String, Object> downstream = new LinkedHashMap<>();
    downstream.put("endpoints", graph.endpoints());
    downstream.put("monitors", graph.monitors());
    downstream.put("models", graph.downstreamModels());
    lineage.put("downstream", downstream);
    lineage.put("complete", graph.complete());
    lineage.put("note", in.lineageNote());
    return lineage;
  }

  private static void lineageMarkdown(ModelCardInputs in, StringBuilder md) {
    CardLineage graph = in.lineageGraph();
    md.append("## Lineage\n\n");
    if (in.envelope() != null) {
      md.append("- Envelope fingerprint: `").append(in.envelope().fingerprint()).append("`\n");
    }
    in.lineage().forEach(line -> md.append("- ").append(escape(line)).append('\n'));
    if (in.envelope() != null || !in.lineage().isEmpty()) {
      md.append('\n');
    }
    if (graph.isEmpty()) {
      md.append("No lineage recorded: the lineage graph has nothing upstream or downstream of")
          .append(" this version.\n");
    } else {
      if (!graph.complete()) {
        md.append("**Incomplete:** the graph is larger than one card walks; more nodes exist.\n\n");
      }
      md.append("### Upstream dependency closure\n\n");
      if (graph.upstream().isEmpty()) {
        md.append("Nothing upstream is recorded.\n\n");
      } else {
        md.append("| Node | Kind | Distance | Version / hash | Produced by | Details |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (CardLineage.Node n : graph.upstream()) {
          md.append("| `")
              .append(escape(n.id()))
              .append("` | ")
              .append(n.kind())
              .append(" | ")
              .append(n.distance())
              .append(" | ")
              .append(n.version() == null ? "–" : "`" + escape(n.version()) + "`")
              .append(" | ")
              .append(n.producedBy().isEmpty() ? "–" : codeList(n.producedBy()))
              .append(" | ");
          List<String> facts = new ArrayList<>();
          n.facts().forEach((k, v) -> facts.add(k + " " + v));
          md.append(facts.isEmpty() ? "–" : escape(String.join(", ", facts))).append(" |\n");
        }
        md.append("\n### Chains\n\n");
        for (CardLineage.Edge e : graph.edges()) {
          md.append("- `")
              .append(escape(e.from()))
              .append("` → `")
              .append(escape(e.to()))
              .append("` (")
              .append(e.relation())
              .append(")\n");
        }
        md.append('\n');
      }
      md.append("### Downstream\n\n");
      md.append("- Endpoints: ")
          .append(graph.endpoints().isEmpty() ? "none" : codeList(graph.endpoints()))
          .append('\n');
      md.append("- Monitors: ")
          .append(graph.monitors().isEmpty() ? "none" : codeList(graph.monitors()))
          .append('\n');
      if (!graph.downstreamModels().isEmpty()) {
        md.append("- Derived model versions: ")
            .append(codeList(graph.downstreamModels()))
            .append('\n');
      }
    }
    if (!in.lineageNote().isEmpty()) {
      md.append("\n_").append(escape(in.lineageNote())).append("_\n");
    }
    md.append('\n');
  }

  private static String codeList(List<String> items) {
    return String.join(", ", items.stream().map(i -> "`" + escape(i) + "`").toList());
  }

  private static void putFinite(Map<String, Object> map, String key, double value) {
    if (Double.isFinite(value)) {
      map.put(key, value);
    }
  }

  private static String number(double value) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    return new java.math.BigDecimal(value)
        .round(new java.math.MathContext(6))
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String percent(double confidence) {
    return number(confidence * 100) + "%";
  }

  /** Keeps table cells intact: pipes and line breaks would end a cell or a row. */
  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }
}
