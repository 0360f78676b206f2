package dev.mledger.server.gate;

import dev.mledger.core.gate.DecisionApproval;
import dev.mledger.core.gate.DecisionDocuments;
import dev.mledger.core.gate.PromotionRecord;
import dev.mledger.core.gate.RecordedDecision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON views of decisions, promotions and rollback plans shared by the HTTP API and the CLI. */
public final class GateJson {
  private GateJson() {}

  public static Map<String, Object> decision(RecordedDecision d) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", d.id());
    view.put("digest", d.digest());
    view.put("passed", d.decision().passed());
    view.put("approved", !d.approvals().isEmpty());
    view.put("authorizes_promotion", d.authorizesPromotion());
    view.put("recorded_at", d.recordedAt().toString());
    List<Object> approvals = new ArrayList<>();
    for (DecisionApproval a : d.approvals()) {
      Map<String, Object> approval = new LinkedHashMap<>();
      approval.put("approver", a.approver());
      approval.put("approved_at", a.approvedAt().toString());
      approval.put("comment", a.comment());
      approvals.add(approval);
    }
    view.put("approvals", approvals);
    view.put("decision", DecisionDocuments.toTree(d.decision()));
    return view;
  }

  public static Map<String, Object> promotion(GateService.Promotion p) {
    PromotionRecord r = p.record();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", r.id());
    view.put("model_name", r.modelName());
    view.put("version", r.version());
    view.put("target", Map.of("kind", r.target().kind(), "name", r.target().name()));
    view.put("decision_id", r.decisionId());
    if (r.override() != null) {
      view.put("override", Map.of("reason", r.override().reason(), "actor", r.override().actor()));
    } else {
      view.put("override", null);
    }
    view.put("actor", r.actor());
    view.put("promoted_at", r.promotedAt().toString());
    view.put("current_stage", p.version().currentStage().wireName());
    view.put("aliases", p.version().aliases());
    return view;
  }

  public static Map<String, Object> rollbackPlan(GateService.RollbackPlan plan, boolean strict) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("model_name", plan.model());
    view.put("target", Map.of("kind", plan.target().kind(), "name", plan.target().name()));
    view.put("current_version", plan.current());
    view.put("strict", strict);
    String chosen = null;
    List<Object> candidates = new ArrayList<>();
    for (RollbackCandidate c : plan.candidates()) {
      if (chosen == null && c.resolves(strict)) {
        chosen = c.version();
      }
      Map<String, Object> candidate = new LinkedHashMap<>();
      candidate.put("version", c.version());
      candidate.put("resolves", c.resolves(strict));
      List<Object> closure = new ArrayList<>();
      for (ClosureItem item : c.closure()) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("kind", item.kind());
        i.put("item", item.item());
        i.put("status", item.status().wireName());
        i.put("detail", item.detail());
        closure.add(i);
      }
      candidate.put("closure", closure);
      candidates.add(candidate);
    }
    view.put("rollback_version", chosen);
    view.put("candidates", candidates);
    return view;
  }
}
