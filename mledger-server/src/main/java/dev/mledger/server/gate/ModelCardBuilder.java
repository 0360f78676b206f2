package dev.mledger.server.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.core.envelope.DatasetVersion;
import dev.mledger.core.envelope.Envelope;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.lineage.LineageGraph;
import dev.mledger.core.lineage.LineageSource;
import dev.mledger.core.lineage.NodeId;
import dev.mledger.core.lineage.Subgraph;
import dev.mledger.core.modelcard.CardLineage;
import dev.mledger.core.modelcard.ModelCardInputs;
import dev.mledger.core.modelcard.ModelCardInputs.MetricSummary;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.stats.RunGroupStatistics;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.store.Stores;
import dev.mledger.store.envelope.StoredEnvelope;
import dev.mledger.store.lineage.LineageSources;
import dev.mledger.store.monitor.StoredMonitor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects a {@link ModelCardInputs} for a model version from the registry, its source run, the
 * lineage graph, monitors and gates.
 */
final class ModelCardBuilder {
  private static final String LINEAGE_NOTE =
      "The closure is the lineage graph's upstream walk from the model version (OpenLineage"
          + " events, recorded edges, MLflow run inputs and git commits, the registry);"
          + " downstream are the endpoints serving it and the monitors watching it.";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GateService gates;

  ModelCardBuilder(GateService gates) {
    this.gates = gates;
  }

  ModelCardInputs build(String model, String version) {
    Stores stores = gates.stores();
    ModelVersion mv = stores.registry().getModelVersion(model, GateService.number(version));
    Map<String, String> params = new LinkedHashMap<>();
    List<MetricSummary> metrics = new ArrayList<>();
    List<String> lineage = new ArrayList<>();
    ModelCardInputs.EnvelopeSummary envelope = null;
    if (mv.runId() != null) {
      Run run = findRun(stores, mv.runId());
      if (run == null) {
        lineage.add("source run " + mv.runId() + " (no longer exists)");
      } else {
        for (Param param : run.data().params()) {
          params.put(param.key(), param.value());
        }
        metrics = metrics(run, new EvidenceCollector(stores.tracking()).children(run));
        lineage.add("source run " + mv.runId());
        for (RunTag tag : run.data().tags()) {
          if (tag.key().equals(EvidenceCollector.PARENT_RUN_TAG)) {
            lineage.add("parent run " + tag.value());
          }
        }
        for (DatasetInput input : run.inputs()) {
          lineage.add(
              "dataset "
                  + input.dataset().name()
                  + " (digest "
                  + input.dataset().digest()
                  + ", source "
                  + input.dataset().source()
                  + ")");
        }
        envelope = envelope(stores.envelopes().get(mv.runId()));
      }
    }
    return new ModelCardInputs(
        mv.name(),
        mv.version(),
        mv.description(),
        mv.currentStage().wireName(),
        mv.aliases(),
        mv.runId(),
        params,
        metrics,
        envelope,
        lineage,
        LINEAGE_NOTE,
        lineageGraph(stores, mv),
        gates.decisions(mv.name(), mv.version()),
        stores.decisions().promotions(mv.name()).stream()
            .filter(p -> p.version().equals(mv.version()))
            .toList(),
        gates.now());
  }

  private static CardLineage lineageGraph(Stores stores, ModelVersion mv) {
    NodeId.Model model = new NodeId.Model(mv.name(), mv.versionNumber());
    LineageSource source = LineageSources.combined(stores.lineage(), stores.registry());
    LineageGraph graph = new LineageGraph(source);
    Subgraph upstream = graph.upstream(model);
    Subgraph downstream = graph.downstream(model);
    Set<NodeId> nodes = new TreeSet<>(upstream.nodes());
    nodes.addAll(downstream.nodes());
    Set<String> endpoints = new TreeSet<>();
    for (NodeId node : downstream.nodes()) {
      if (node instanceof NodeId.Endpoint endpoint) {
        endpoints.add(endpoint.name());
      }
    }
    return CardLineage.of(
        model, upstream, downstream, source.describe(nodes), monitors(stores, mv, endpoints));
  }

  /** Monitors whose definition watches this version, or an endpoint that serves it. */
  private static List<String> monitors(Stores stores, ModelVersion mv, Set<String> endpoints) {
    List<String> names = new ArrayList<>();
    for (StoredMonitor monitor : stores.monitors().list()) {
      JsonNode definition;
      try {
        definition = JSON.readTree(monitor.definitionJson());
      } catch (JsonProcessingException e) {
        continue; // the monitor API refuses such definitions; nothing to match here
      }
      String model = definition.path("model").asText(null);
      JsonNode version = definition.path("version");
      boolean watchesVersion = mv.name().equals(model) && mv.version().equals(version.asText(null));
      boolean watchesEndpoint =
          (version.isMissingNode() || version.isNull()) && endpoints.contains(model);
      if (watchesVersion || watchesEndpoint) {
        names.add(monitor.name());
      }
    }
    return names;
  }

  private static Run findRun(Stores stores, String runId) {
    try {
      return stores.tracking().getRun(runId);
    } catch (MledgerException e) {
      if (e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        return null;
      }
      throw e;
    }
  }

  /** Source-run values, with Student-t intervals over the seed (child) runs where there are 2+. */
  private static List<MetricSummary> metrics(Run source, List<Run> seeds) {
    List<MetricSummary> summaries = new ArrayList<>();
    EvidenceCollector.metrics(source)
        .forEach(
            (key, value) -> {
              List<Double> values = new ArrayList<>();
              for (Run seed : seeds) {
                Double v = EvidenceCollector.metrics(seed).get(key);
                if (v != null && Double.isFinite(v)) {
                  values.add(v);
                }
              }
              if (values.size() >= 2) {
                RunGroupStatistics stats = RunGroupStatistics.of(values);
                summaries.add(
                    new MetricSummary(
                        key,
                        value,
                        stats.n(),
                        stats.mean(),
                        stats.interval().low(),
                        stats.interval().high(),
                        stats.interval().confidence()));
              } else {
                summaries.add(MetricSummary.single(key, value));
              }
            });
    return summaries;
  }

  private static ModelCardInputs.EnvelopeSummary envelope(Optional<StoredEnvelope> stored) {
    if (stored.isEmpty()) {
      return null;
    }
    StoredEnvelope.Verification verification = stored.get().verify();
    Envelope envelope =
        verification instanceof StoredEnvelope.Verification.Intact intact
            ? intact.envelope()
            : verification instanceof StoredEnvelope.Verification.FingerprintMismatch m
                ? m.envelope()
                : null;
    List<String> datasets = new ArrayList<>();
    if (envelope != null) {
      for (DatasetVersion d : envelope.datasets()) {
        datasets.add(d.name() + "@" + d.digest());
      }
    }
    return new ModelCardInputs.EnvelopeSummary(
        stored.get().fingerprint(),
        verification instanceof StoredEnvelope.Verification.Intact,
        envelope == null ? null : envelope.code().commit(),
        datasets,
        envelope == null ? null : envelope.seed());
  }
}
