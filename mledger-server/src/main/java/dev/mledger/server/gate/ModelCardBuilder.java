package dev.mledger.server.gate;

import dev.mledger.core.envelope.DatasetVersion;
import dev.mledger.core.envelope.Envelope;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Collects a {@link ModelCardInputs} for a model version from the registry, runs and gates. */
final class ModelCardBuilder {
  private static final String LINEAGE_NOTE =
      "Inputs are taken from the source run's dataset inputs, its envelope and its parent run;"
          + " upstream lineage beyond the source run is not part of this card.";

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
        gates.decisions(mv.name(), mv.version()),
        stores.decisions().promotions(mv.name()).stream()
            .filter(p -> p.version().equals(mv.version()))
            .toList(),
        gates.now());
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
