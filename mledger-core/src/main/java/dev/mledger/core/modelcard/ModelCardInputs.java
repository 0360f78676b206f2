package dev.mledger.core.modelcard;

import dev.mledger.core.gate.PromotionRecord;
import dev.mledger.core.gate.RecordedDecision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a model card states about one model version. Sections whose source is unavailable
 * carry an explicit note instead of being silently empty.
 *
 * @param modelName the registered model
 * @param version the model version
 * @param description the version's description; may be empty
 * @param stage the version's stage
 * @param aliases the aliases pointing at the version
 * @param sourceRunId the run that produced it, or {@code null}
 * @param params the source run's parameters
 * @param metrics the source run's metrics, with seed-group intervals where known
 * @param envelope the source run's reproducibility envelope, or {@code null} when none was recorded
 * @param lineage the source run's own inputs (datasets, parent run) as one line each
 * @param lineageNote how complete the lineage is (for example which sources were unavailable)
 * @param lineageGraph the version's upstream closure and downstream consumers from the lineage
 *     graph; {@link CardLineage#NONE} when nothing is recorded
 * @param decisions gate decisions about this version, newest first
 * @param promotions promotions of this version, oldest first
 * @param generatedAt when the card was generated
 */
public record ModelCardInputs(
    String modelName,
    String version,
    String description,
    String stage,
    List<String> aliases,
    String sourceRunId,
    Map<String, String> params,
    List<MetricSummary> metrics,
    EnvelopeSummary envelope,
    List<String> lineage,
    String lineageNote,
    CardLineage lineageGraph,
    List<RecordedDecision> decisions,
    List<PromotionRecord> promotions,
    Instant generatedAt) {

  public ModelCardInputs {
    description = description == null ? "" : description;
    aliases = List.copyOf(aliases);
    params = new TreeMap<>(params);
    metrics = List.copyOf(metrics);
    lineage = List.copyOf(lineage);
    lineageNote = lineageNote == null ? "" : lineageNote;
    lineageGraph = lineageGraph == null ? CardLineage.NONE : lineageGraph;
    decisions = List.copyOf(decisions);
    promotions = List.copyOf(promotions);
  }

  /**
   * One metric of the model.
   *
   * @param key the metric key
   * @param value the source run's value
   * @param seeds how many seed runs the interval rests on; 0 when there is no interval
   * @param mean the mean over the seed runs, or NaN
   * @param ciLow lower Student-t bound over the seed runs, or NaN
   * @param ciHigh upper bound, or NaN
   * @param confidence the interval's confidence level
   */
  public record MetricSummary(
      String key,
      double value,
      int seeds,
      double mean,
      double ciLow,
      double ciHigh,
      double confidence) {

    /** A metric known only from the source run. */
    public static MetricSummary single(String key, double value) {
      return new MetricSummary(key, value, 0, Double.NaN, Double.NaN, Double.NaN, 0.95);
    }

    public boolean hasInterval() {
      return seeds >= 2 && Double.isFinite(ciLow) && Double.isFinite(ciHigh);
    }
  }

  /**
   * The source run's envelope, summarized.
   *
   * @param fingerprint SHA-256 of the canonical envelope
   * @param intact whether the stored envelope still matches its fingerprint
   * @param codeCommit the git commit, or {@code null}
   * @param datasets the dataset versions, one line each
   * @param seed the seed, or {@code null}
   */
  public record EnvelopeSummary(
      String fingerprint, boolean intact, String codeCommit, List<String> datasets, Long seed) {
    public EnvelopeSummary {
      datasets = List.copyOf(datasets);
    }
  }
}
