package dev.mledger.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.store.NewRun;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A log-batch costs a handful of statements whatever its size, and search pages load in bulk. */
class WriteStatementsTest {
  @TempDir Path dir;

  @Test
  void aFullLogBatchIsAFewStatementsAndASearchPageIsAFewQueries() {
    Database db = Database.open(StoreLocation.parse(dir.resolve("s.db").toString()));
    try (JdbcTrackingStore store =
        new JdbcTrackingStore(
            db, "mlflow-artifacts:", Clock.systemUTC(), RandomGenerator.getDefault())) {
      List<String> runIds = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        runIds.add(store.createRun(new NewRun("0", "u", i, null, List.of())).info().runId());
      }
      List<Metric> metrics = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        metrics.add(new Metric("m" + (i % 10), i, i, i / 10));
      }
      List<Param> params = new ArrayList<>();
      List<RunTag> tags = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        params.add(new Param("p" + i, "v"));
        tags.add(new RunTag("t" + i, "v"));
      }
      List<String> statements = new ArrayList<>();
      db.setSqlLogger(
          new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
              statements.add(context.getRawSql());
            }

            @Override
            public void logException(StatementContext context, SQLException ex) {
              statements.add(context.getRawSql());
            }
          });

      store.logBatch(runIds.get(0), metrics, params, tags);
      // run lookup, params insert + check, history insert, latest upsert, tags upsert
      assertThat(statements).hasSize(6);

      statements.clear();
      store.searchRuns(
          new dev.mledger.store.RunSearch(
              List.of("0"), null, dev.mledger.core.tracking.ViewType.ALL, 50, List.of(), 0));
      // ids, runs, params, tags, latest metrics, inputs
      assertThat(statements).hasSize(6);
    }
  }
}
