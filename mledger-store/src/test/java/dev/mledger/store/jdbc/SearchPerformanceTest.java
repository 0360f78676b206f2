package dev.mledger.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.search.Comparator;
import dev.mledger.core.search.EntityType;
import dev.mledger.core.search.FilterExpr;
import dev.mledger.core.search.FilterValue;
import dev.mledger.core.search.OrderBy;
import dev.mledger.core.tracking.Page;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.ViewType;
import dev.mledger.store.RunSearch;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search latency at 100k runs x 20 params x 10 metrics. Excluded from the default build (tag
 * "perf"); run with {@code mvn -pl mledger-store -am test -Dgroups=perf -Dstore.excludedGroups=none
 * -Dtest=SearchPerformanceTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("perf")
class SearchPerformanceTest {
  private static final int RUNS = 100_000;
  private static final int PARAMS = 20;
  private static final int METRICS = 10;
  private static final long BUDGET_MS = 1_000;

  @TempDir Path dir;

  @Test
  void sqlite() {
    // -Dperf.dir=/some/dir keeps the database for inspection with the sqlite3 shell.
    Path base =
        System.getProperty("perf.dir") != null ? Path.of(System.getProperty("perf.dir")) : dir;
    StoreLocation location = StoreLocation.parse(base.resolve("perf.db").toString());
    measure(location);
  }

  @Test
  void postgres() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE perf");
      }
      measure(StoreLocation.parse("postgresql://postgres@localhost:" + pg.getPort() + "/perf"));
    }
  }

  private void measure(StoreLocation location) {
    Database db = Database.open(location);
    try (JdbcTrackingStore store =
        new JdbcTrackingStore(
            db, "mlflow-artifacts:", Clock.systemUTC(), RandomGenerator.getDefault())) {
      long t0 = System.nanoTime();
      db.write(this::populate);
      db.refreshStatistics();
      if (location.dialect() == Dialect.SQLITE) {
        List<String> stats =
            db.read(
                h ->
                    h.createQuery("SELECT tbl || ' ' || idx || ' ' || stat FROM sqlite_stat1")
                        .mapTo(String.class)
                        .list());
        System.out.println("statistics: " + stats);
      }
      System.out.printf(Locale.ROOT, "%s: populated in %d ms%n", location.dialect(), ms(t0));

      FilterExpr twoClauses =
          new FilterExpr.And(
              List.of(
                  cmp(EntityType.METRIC, "m0", Comparator.GT, new FilterValue.Number(0.5)),
                  cmp(EntityType.PARAM, "p1", Comparator.EQ, new FilterValue.Text("v7"))));
      OrderBy byMetric = new OrderBy(EntityType.METRIC, "m2", false);
      time(store, location, "two clauses + metric order", twoClauses, List.of(byMetric), 100, 0);
      time(store, location, "no filter, default order", null, List.of(), 100, 0);
      time(store, location, "no filter, metric order", null, List.of(byMetric), 100, 0);
      time(
          store,
          location,
          "selective metric + metric order",
          cmp(EntityType.METRIC, "m0", Comparator.GT, new FilterValue.Number(0.999)),
          List.of(byMetric),
          100,
          0);
      time(
          store,
          location,
          "param OR param",
          new FilterExpr.Or(
              List.of(
                  cmp(EntityType.PARAM, "p3", Comparator.EQ, new FilterValue.Text("v1")),
                  cmp(EntityType.PARAM, "p4", Comparator.LIKE, new FilterValue.Text("v9%")))),
          List.of(),
          100,
          0);
      time(store, location, "page at offset 50000", null, List.of(byMetric), 100, 50_000);
      time(
          store,
          location,
          "1000 results, param order",
          null,
          List.of(new OrderBy(EntityType.PARAM, "p5", true)),
          1000,
          0);
    }
  }

  private void time(
      JdbcTrackingStore store,
      StoreLocation location,
      String label,
      FilterExpr filter,
      List<OrderBy> orderBy,
      int maxResults,
      int offset) {
    RunSearch search =
        new RunSearch(List.of("1"), filter, ViewType.ACTIVE_ONLY, maxResults, orderBy, offset);
    store.searchRuns(search); // warm caches
    long best = Long.MAX_VALUE;
    Page<Run> page = null;
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      page = store.searchRuns(search);
      best = Math.min(best, ms(t0));
    }
    System.out.printf(
        Locale.ROOT,
        "%s: %-35s %5d ms (%d runs)%n",
        location.dialect(),
        label,
        best,
        page.items().size());
    assertThat(page.items()).isNotEmpty();
    assertThat(best).as(label).isLessThan(BUDGET_MS);
  }

  private Void populate(Handle h) {
    h.execute(
        "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage,"
            + " creation_time, last_update_time) VALUES (1, 'perf', 'mlflow-artifacts:/1', 'active', 1, 1)");
    SplittableRandom random = new SplittableRandom(42);
    int chunk = 2_000;
    for (int from = 0; from < RUNS; from += chunk) {
      PreparedBatch runs =
          h.prepareBatch(
              "INSERT INTO runs (run_uuid, experiment_id, name, user_id, status, start_time,"
                  + " artifact_uri, lifecycle_stage) VALUES (?, 1, ?, 'perf', 'FINISHED', ?, ?, 'active')");
      PreparedBatch params =
          h.prepareBatch("INSERT INTO params (run_uuid, key, value) VALUES (?, ?, ?)");
      PreparedBatch tags =
          h.prepareBatch("INSERT INTO tags (run_uuid, key, value) VALUES (?, ?, ?)");
      PreparedBatch latest =
          h.prepareBatch(
              "INSERT INTO latest_metrics (run_uuid, key, value, timestamp, step, is_nan)"
                  + " VALUES (?, ?, ?, 1, 0, FALSE)");
      for (int i = from; i < Math.min(RUNS, from + chunk); i++) {
        String id = String.format(Locale.ROOT, "%032x", random.nextLong() & Long.MAX_VALUE);
        runs.bind(0, id)
            .bind(1, "run-" + i)
            .bind(2, 1_700_000_000_000L + random.nextInt(10_000_000))
            .bind(3, "mlflow-artifacts:/1/" + id + "/artifacts")
            .add();
        tags.bind(0, id).bind(1, "mlflow.runName").bind(2, "run-" + i).add();
        for (int p = 0; p < PARAMS; p++) {
          params.bind(0, id).bind(1, "p" + p).bind(2, "v" + random.nextInt(100)).add();
        }
        for (int m = 0; m < METRICS; m++) {
          latest.bind(0, id).bind(1, "m" + m).bind(2, random.nextDouble()).add();
        }
      }
      runs.execute();
      params.execute();
      tags.execute();
      latest.execute();
    }
    return null;
  }

  private static FilterExpr cmp(EntityType type, String key, Comparator op, FilterValue value) {
    return new FilterExpr.Comparison(type, key, op, value);
  }

  private static long ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
