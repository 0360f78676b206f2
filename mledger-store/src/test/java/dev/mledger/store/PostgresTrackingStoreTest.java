package dev.mledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.store.testing.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the store contract on PostgreSQL: the shared embedded server, one database per test. */
class PostgresTrackingStoreTest extends TrackingStoreContract {
  @Override
  protected TrackingStore openEmptyStore(String defaultArtifactRoot) {
    return TrackingStores.open(
        TestPostgres.storeUri(TestPostgres.newDatabase("contract")), defaultArtifactRoot);
  }

  @Test
  void jdbcUrlsWorkAndASecondOpenReusesTheSchema() {
    String url = TestPostgres.jdbcUrl(TestPostgres.newDatabase("contract")) + "?user=postgres";
    String runId;
    try (TrackingStore first = TrackingStores.open(url, "s3://bucket")) {
      runId = first.createRun(new NewRun("0", "u", 1, "r", List.of())).info().runId();
    }
    try (TrackingStore second = TrackingStores.open(url, "s3://other")) {
      assertThat(second.getRun(runId).info().artifactUri())
          .isEqualTo("s3://bucket/0/" + runId + "/artifacts");
    }
  }

  @Test
  void anUnreachableServerIsReportedAsTemporarilyUnavailable() {
    assertError(
            ErrorCode.TEMPORARILY_UNAVAILABLE,
            () -> TrackingStores.open("postgresql://postgres@127.0.0.1:1/nowhere", "s3://b"))
        .hasMessageContaining("Cannot connect to the tracking database");
  }
}
