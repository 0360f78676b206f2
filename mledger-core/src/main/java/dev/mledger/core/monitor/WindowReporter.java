package dev.mledger.core.monitor;

import dev.mledger.core.drift.CategoricalProfile;
import dev.mledger.core.drift.ColumnDrift;
import dev.mledger.core.drift.DriftSettings;
import dev.mledger.core.drift.EmbeddingDrift;
import dev.mledger.core.drift.EmbeddingDriftResult;
import dev.mledger.core.drift.MmdOptions;
import dev.mledger.core.drift.NumericProfile;
import dev.mledger.core.drift.NumericSummary;
import dev.mledger.core.drift.SketchDrift;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * Builds a {@link WindowReport} from a window's events: every column is sketched like the reference
 * (so windows of any size cost one pass and bounded memory) and compared by {@link SketchDrift}.
 */
public final class WindowReporter {
  private final MonitorDefinition monitor;
  private final ReferenceProfile reference;
  private final DriftSettings settings;

  public WindowReporter(
      MonitorDefinition monitor, ReferenceProfile reference, DriftSettings settings) {
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    this.reference = Objects.requireNonNull(reference, "reference");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Reports {@code events} as one window spanning {@code [windowStart, windowEnd]}. */
  public WindowReport report(List<MonitorEvent> events, long windowStart, long windowEnd) {
    return report(events, windowStart, windowEnd, true);
  }

  /**
   * Like {@link #report} without the embedding test, whose permutations are the costly part: for
   * slices, which are compared column by column.
   */
  public WindowReport reportColumns(List<MonitorEvent> events, long windowStart, long windowEnd) {
    return report(events, windowStart, windowEnd, false);
  }

  private WindowReport report(
      List<MonitorEvent> events, long windowStart, long windowEnd, boolean withEmbeddings) {
    if (events.isEmpty()) {
      throw MledgerException.invalidParameter("A window needs at least one event.");
    }
    List<FeatureReport> features = features(events);
    FeatureReport prediction =
        monitor.prediction() == null
            ? null
            : column(ReferenceProfile.PREDICTION, monitor.prediction(), events, true);
    List<Double> latencies = new ArrayList<>();
    double cost = 0;
    for (MonitorEvent e : events) {
      if (e.latencyMs() != null) {
        latencies.add(e.latencyMs());
      }
      if (e.cost() != null) {
        cost += e.cost();
      }
    }
    return new WindowReport(
        windowStart,
        windowEnd,
        events.size(),
        features,
        prediction,
        performance(events),
        LatencySummary.of(latencies.stream().mapToDouble(Double::doubleValue).toArray()),
        cost,
        withEmbeddings ? embedding(events) : null);
  }

  /** Permutations of the kernel test's p-value (resolution 1/501). */
  static final int MMD_PERMUTATIONS = 500;

  /** Rows per side in the kernel test: its cost is quadratic in the rows. */
  static final int MMD_MAX_ROWS = 300;

  /** The seed of the permutations and subsamples: a report is the same every time it is made. */
  static final long MMD_SEED = 20_240_601L;

  private EmbeddingReport embedding(List<MonitorEvent> events) {
    EmbeddingReservoir sample = reference.embeddings();
    if (monitor.embeddingDimension() == null || sample == null || sample.rows().size() < 2) {
      return null;
    }
    List<double[]> current = new ArrayList<>();
    for (MonitorEvent e : events) {
      if (e.embedding() != null) {
        current.add(e.embedding());
      }
    }
    if (current.size() < 2) {
      return null;
    }
    EmbeddingDriftResult result =
        EmbeddingDrift.test(
            sample.rows().toArray(new double[0][]),
            current.toArray(new double[0][]),
            new MmdOptions(MMD_PERMUTATIONS, MMD_SEED, MMD_MAX_ROWS));
    return new EmbeddingReport(
        current.size(), sample.rows().size(), result, settings.pValueThreshold());
  }

  /** Columns are independent: with parallelism above 1 they are sketched on that many threads. */
  private List<FeatureReport> features(List<MonitorEvent> events) {
    List<FeatureSpec> specs = monitor.features();
    int threads = Math.min(settings.parallelism(), specs.size());
    if (threads <= 1) {
      List<FeatureReport> out = new ArrayList<>();
      for (FeatureSpec f : specs) {
        out.add(column(f.name(), f.type(), events, false));
      }
      return out;
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(
              () ->
                  specs.parallelStream()
                      .map(f -> column(f.name(), f.type(), events, false))
                      .toList())
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MledgerException(
          ErrorCode.INTERNAL_ERROR, "interrupted while reporting a window", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new MledgerException(
          ErrorCode.INTERNAL_ERROR, "window report failed: " + e.getCause(), e);
    } finally {
      pool.shutdown();
    }
  }

  private FeatureReport column(
      String name, FeatureType type, List<MonitorEvent> events, boolean isPrediction) {
    ColumnProfile ref = reference.column(name);
    if (ref == null) {
      throw MledgerException.invalidParameter(
          "The reference profile has no column '" + name + "'; rebuild it for this schema.");
    }
    long nulls = 0;
    long outOfRange = 0;
    long unseen = 0;
    ColumnDrift drift;
    if (type == FeatureType.NUMERIC) {
      NumericProfile refProfile = ((ColumnProfile.Numeric) ref).profile();
      NumericSummary range = refProfile.isEmpty() ? null : refProfile.summary();
      NumericProfile current = NumericProfile.create();
      for (MonitorEvent e : events) {
        Object v = isPrediction ? e.prediction() : e.features().get(name);
        if (!(v instanceof Number n)) {
          nulls++;
          continue;
        }
        double d = n.doubleValue();
        if (range != null && (d < range.min() || d > range.max())) {
          outOfRange++;
        }
        current.update(d);
      }
      drift =
          current.isEmpty() || refProfile.isEmpty()
              ? null
              : SketchDrift.numeric(name, refProfile, current, settings);
    } else {
      CategoricalProfile refProfile = ((ColumnProfile.Categorical) ref).profile();
      Map<String, Long> known = refProfile.counts();
      CategoricalProfile current = CategoricalProfile.create();
      for (MonitorEvent e : events) {
        Object v = isPrediction ? e.prediction() : e.features().get(name);
        if (v == null) {
          nulls++;
          continue;
        }
        String category = EventValidation.categoryOf(v);
        if (!known.containsKey(category)) {
          unseen++;
        }
        current.update(category);
      }
      drift =
          current.count() == 0 || refProfile.count() == 0
              ? null
              : SketchDrift.categorical(name, refProfile, current, settings);
    }
    return new FeatureReport(
        name, drift, new DataQuality(events.size(), nulls, outOfRange, unseen));
  }

  private Performance performance(List<MonitorEvent> events) {
    long labelled = 0;
    long hits = 0;
    long numericPairs = 0;
    double absErr = 0;
    double sqErr = 0;
    for (MonitorEvent e : events) {
      if (e.prediction() == null || e.label() == null) {
        continue;
      }
      labelled++;
      if (e.prediction() instanceof Number p && e.label() instanceof Number l) {
        double err = p.doubleValue() - l.doubleValue();
        absErr += Math.abs(err);
        sqErr += err * err;
        numericPairs++;
      }
      if (e.prediction().equals(e.label())) {
        hits++;
      }
    }
    if (labelled == 0) {
      return null;
    }
    boolean numeric =
        monitor.prediction() == FeatureType.NUMERIC
            || (monitor.prediction() == null && numericPairs == labelled);
    return numeric && numericPairs > 0
        ? new Performance(
            numericPairs, null, absErr / numericPairs, Math.sqrt(sqErr / numericPairs))
        : new Performance(labelled, (double) hits / labelled, null, null);
  }
}
