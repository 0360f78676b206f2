package dev.mledger.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.store.NewRun;
import dev.mledger.store.TrackingStore;
import dev.mledger.store.TrackingStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is specific to the embedded SQLite store: file handling, pragmas, multi-instance use. */
class SqliteDatabaseTest {
  @TempDir Path dir;

  @Test
  void connectionsRunInWalModeWithForeignKeysAndCaseSensitiveLike() {
    try (Database db = Database.open(StoreLocation.parse(dir.resolve("p.db").toString()))) {
      assertThat(pragma(db, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(db, "foreign_keys")).isEqualTo("1");
      assertThat(pragma(db, "synchronous")).isEqualTo("1");
      assertThat(pragma(db, "busy_timeout")).isEqualTo("30000");
      Integer like = db.read(h -> h.createQuery("SELECT 'A' LIKE 'a'").mapTo(Integer.class).one());
      assertThat(like).isZero();
    }
  }

  @Test
  void theDatabaseFileAndItsDirectoriesAreCreatedAndDataSurvivesAReopen() {
    Path file = dir.resolve("nested/deeper/mledger.db");
    String runId;
    try (TrackingStore store = TrackingStores.open("sqlite://" + file, "/first-root")) {
      String exp = store.createExperiment("kept", null, List.of());
      runId = store.createRun(new NewRun(exp, "u", 1, "r", List.of())).info().runId();
      store.logBatch(
          runId, List.of(new Metric("m", 1, 1, 0)), List.of(new Param("p", "v")), List.of());
    }
    assertThat(Files.exists(file)).isTrue();

    try (TrackingStore store = TrackingStores.open(file.toString(), "/second-root")) {
      assertThat(store.getRun(runId).data().params()).containsExactly(new Param("p", "v"));
      assertThat(store.getExperiment("0").artifactLocation()).isEqualTo("/first-root/0");
      assertThat(store.createExperiment("next", null, List.of())).isEqualTo("2");
    }
  }

  @Test
  void twoStoresOnOneFileWriteConcurrentlyWithoutBusyErrors() throws Exception {
    String uri = "sqlite://" + dir.resolve("shared.db");
    try (TrackingStore a = TrackingStores.open(uri, "mlflow-artifacts:");
        TrackingStore b = TrackingStores.open(uri, "mlflow-artifacts:")) {
      String runA = a.createRun(new NewRun("0", "u", 1, "a", List.of())).info().runId();
      String runB = b.createRun(new NewRun("0", "u", 2, "b", List.of())).info().runId();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (TrackingStore store : List.of(a, b)) {
          String key = store == a ? "from-a" : "from-b";
          for (String run : List.of(runA, runB)) {
            futures.add(
                pool.submit(
                    () -> {
                      for (int i = 0; i < 50; i++) {
                        store.logBatch(
                            run,
                            List.of(new Metric(key, i, i, i)),
                            List.of(),
                            List.of(new RunTag("t", Integer.toString(i))));
                      }
                      return null;
                    }));
          }
        }
        for (Future<?> f : futures) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(a.getMetricHistory(runB, "from-b", null, 0).items()).hasSize(50);
      assertThat(b.getRun(runA).data().metrics()).hasSize(2);
    }
  }

  private static String pragma(Database db, String name) {
    return db.read(h -> h.createQuery("PRAGMA " + name).mapTo(String.class).one());
  }
}
