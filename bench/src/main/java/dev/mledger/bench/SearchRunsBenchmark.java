package dev.mledger.bench;

import dev.mledger.core.search.Comparator;
import dev.mledger.core.search.EntityType;
import dev.mledger.core.search.FilterExpr;
import dev.mledger.core.search.FilterValue;
import dev.mledger.core.search.OrderBy;
import dev.mledger.core.tracking.Page;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.ViewType;
import dev.mledger.store.RunSearch;
import dev.mledger.store.TrackingStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * search_runs over 100k runs x 20 params x 10 metrics: filter {@code params.p0 = 'v3' AND
 * metrics.m0 > 0.5} (about 5% of runs match), ordered by {@code metrics.m1 DESC}, first page of
 * 100.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class SearchRunsBenchmark {

  @Param({"100000"})
  public int runs;

  private TrackingStore store;
  private RunSearch search;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    store = BenchStores.openSqlite(BenchStores.dir("search-" + runs));
    String experimentId = BenchStores.seed(store, "search-bench-" + runs, runs);
    FilterExpr filter =
        new FilterExpr.And(
            List.of(
                new FilterExpr.Comparison(
                    EntityType.PARAM, "p0", Comparator.EQ, new FilterValue.Text("v3")),
                new FilterExpr.Comparison(
                    EntityType.METRIC, "m0", Comparator.GT, new FilterValue.Number(0.5))));
    search =
        new RunSearch(
            List.of(experimentId),
            filter,
            ViewType.ACTIVE_ONLY,
            100,
            List.of(new OrderBy(EntityType.METRIC, "m1", false)),
            0);
    Page<Run> page = store.searchRuns(search);
    if (page.items().size() != 100) {
      throw new IllegalStateException("expected a full page, got " + page.items().size());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
  }

  @Benchmark
  public Page<Run> filteredSearchOrderedByMetric() {
    return store.searchRuns(search);
  }
}
