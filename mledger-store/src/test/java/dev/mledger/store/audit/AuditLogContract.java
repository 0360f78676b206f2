package dev.mledger.store.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.audit.AuditChain;
import dev.mledger.core.audit.AuditEntry;
import dev.mledger.core.audit.ChainVerification;
import dev.mledger.core.audit.ChainVerification.Broken;
import dev.mledger.core.audit.ChainVerification.Problem;
import dev.mledger.core.error.MledgerException;
import dev.mledger.store.Stores;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AuditLog} must do; subclasses supply the database and raw SQL access. */
public abstract class AuditLogContract {
  protected Stores stores;
  protected AuditLog audit;

  /** A fresh, empty database. */
  protected abstract Stores openEmptyStores();

  /** A second, independent {@link Stores} (own connection pool) on the same database. */
  protected abstract Stores reopen();

  /** Runs SQL directly on the database, as someone bypassing mledger would. */
  protected abstract void executeRaw(String sql) throws SQLException;

  /** Statements that remove the append-only triggers, as an attacker with DBA rights would. */
  protected abstract List<String> dropImmutabilityTriggers();

  @BeforeEach
  void open() {
    stores = openEmptyStores();
    audit = stores.audit();
  }

  @AfterEach
  void close() {
    stores.close();
  }

  private List<AuditEntry> appendSome(int n) {
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      entries.add(
          audit.append(
              "alice",
              "registry.model_version.create",
              "model_version",
              "churn/" + i,
              Map.of("run_id", "r" + i, "metrics", List.of(0.5, i), "nested", Map.of("k", i))));
    }
    return entries;
  }

  private void tamper(String sql) throws SQLException {
    for (String drop : dropImmutabilityTriggers()) {
      executeRaw(drop);
    }
    executeRaw(sql);
  }

  @Test
  void appendsChainedEntriesAndReadsThemBack() {
    assertThat(audit.head()).isEmpty();
    List<AuditEntry> appended = appendSome(3);

    assertThat(appended).extracting(AuditEntry::sequence).containsExactly(1L, 2L, 3L);
    assertThat(appended.get(0).previousHash()).isEqualTo(AuditChain.GENESIS_HASH);
    assertThat(appended.get(2).previousHash()).isEqualTo(appended.get(1).hash());
    assertThat(audit.head()).contains(appended.get(2));
    assertThat(audit.list(0, 10)).isEqualTo(appended);
    assertThat(audit.list(1, 1)).containsExactly(appended.get(1));
    assertThat(audit.list(3, 10)).isEmpty();
    assertThat(audit.list(0, 10).get(0).details())
        .isEqualTo(Map.of("run_id", "r1", "metrics", List.of(0.5, 1L), "nested", Map.of("k", 1L)));
    assertThat(audit.verify(null))
        .isEqualTo(new ChainVerification.Intact(3, 3, appended.get(2).hash()));
  }

  @Test
  void filtersAndPagesNewestFirstOrOldestFirst() {
    List<AuditEntry> all = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      all.add(
          audit.append(
              i % 2 == 0 ? "bob" : "alice",
              i % 3 == 0 ? "dataset.add" : "registry.stage",
              i % 3 == 0 ? "dataset" : "model_version",
              "s" + i,
              Map.of()));
    }

    List<AuditEntry> newest = audit.list(new AuditQuery(null, null, true, 0, 3));
    assertThat(newest).extracting(AuditEntry::sequence).containsExactly(7L, 6L, 5L);
    assertThat(audit.list(new AuditQuery(null, null, true, 5, 3)))
        .extracting(AuditEntry::sequence)
        .containsExactly(4L, 3L, 2L);
    assertThat(audit.list(new AuditQuery(null, null, false, 5, 3)))
        .extracting(AuditEntry::sequence)
        .containsExactly(6L, 7L);
    assertThat(audit.list(new AuditQuery(null, null, true, 0, 3)).get(0)).isEqualTo(all.get(6));

    AuditQuery bobsModelChanges = new AuditQuery("model_version", " bob ", true, 0, 10);
    assertThat(audit.list(bobsModelChanges))
        .extracting(AuditEntry::sequence)
        .containsExactly(4L, 2L);
    assertThat(audit.count(bobsModelChanges)).isEqualTo(2);
    assertThat(audit.count(new AuditQuery("dataset", "", true, 0, 1))).isEqualTo(2);
    assertThat(audit.count(new AuditQuery(null, null, true, 6, 1))).isEqualTo(7);
    assertThat(audit.list(new AuditQuery("dataset", "nobody", true, 0, 10))).isEmpty();

    assertThat(audit.facets())
        .isEqualTo(new AuditFacets(List.of("dataset", "model_version"), List.of("alice", "bob")));
  }

  @Test
  void queryArgumentsAreValidated() {
    assertThatThrownBy(() -> new AuditQuery(null, null, true, -1, 10))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("cursor");
    assertThatThrownBy(() -> new AuditQuery(null, null, true, 0, 0))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> audit.list(new AuditQuery(null, null, true, 0, 1_000_000)))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("between 1 and");
    assertThat(audit.facets()).isEqualTo(new AuditFacets(List.of(), List.of()));
  }

  @Test
  void timestampsNeverGoBackwards() {
    List<AuditEntry> entries = appendSome(5);
    for (int i = 1; i < entries.size(); i++) {
      assertThat(entries.get(i).timestamp()).isGreaterThanOrEqualTo(entries.get(i - 1).timestamp());
    }
  }

  @Test
  void pageArgumentsAreValidated() {
    assertThatThrownBy(() -> audit.list(0, 0)).isInstanceOf(MledgerException.class);
    assertThatThrownBy(() -> audit.list(-1, 10)).isInstanceOf(MledgerException.class);
    assertThatThrownBy(() -> audit.verify("abc"))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("64 hex digits");
  }

  @Test
  void theDatabaseRefusesUpdatesAndDeletes() {
    appendSome(2);
    assertThatThrownBy(() -> executeRaw("UPDATE audit_log SET actor = 'mallory'"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("immutable");
    assertThatThrownBy(() -> executeRaw("DELETE FROM audit_log WHERE sequence = 1"))
        .isInstanceOf(SQLException.class);
    assertThat(audit.verify(null).intact()).isTrue();
  }

  @Test
  void detectsAnEditedEntry() throws SQLException {
    appendSome(4);
    tamper("UPDATE audit_log SET actor = 'mallory' WHERE sequence = 2");
    Broken broken = (Broken) audit.verify(null);
    assertThat(broken.sequence()).isEqualTo(2);
    assertThat(broken.problem()).isEqualTo(Problem.EDITED);
  }

  @Test
  void detectsEditedDetails() throws SQLException {
    appendSome(3);
    tamper("UPDATE audit_log SET details = '{\"run_id\":\"forged\"}' WHERE sequence = 3");
    assertThat(((Broken) audit.verify(null)).problem()).isEqualTo(Problem.EDITED);
  }

  @Test
  void detectsADeletedEntry() throws SQLException {
    appendSome(4);
    tamper("DELETE FROM audit_log WHERE sequence = 2");
    Broken broken = (Broken) audit.verify(null);
    assertThat(broken.sequence()).isEqualTo(3);
    assertThat(broken.problem()).isEqualTo(Problem.DELETED);
  }

  @Test
  void detectsATruncatedTailOnlyAgainstAnAnchor() throws SQLException {
    List<AuditEntry> entries = appendSome(4);
    String head = entries.get(3).hash();
    tamper("DELETE FROM audit_log WHERE sequence >= 3");

    assertThat(audit.verify(null).intact()).isTrue();
    Broken broken = (Broken) audit.verify(head);
    assertThat(broken.problem()).isEqualTo(Problem.HEAD_MISMATCH);
    assertThat(audit.verify(entries.get(1).hash()).intact()).isTrue();
  }

  @Test
  void concurrentAppendersNeverForkTheChain() throws Exception {
    int threads = 6;
    int perThread = 15;
    try (Stores second = reopen()) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Void>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          AuditLog log = t % 2 == 0 ? audit : second.audit();
          String actor = "writer-" + t;
          Callable<Void> work =
              () -> {
                for (int i = 0; i < perThread; i++) {
                  log.append(actor, "test.append", "thing", actor + "/" + i, Map.of("i", i));
                }
                return null;
              };
          futures.add(pool.submit(work));
        }
        for (Future<Void> f : futures) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
    ChainVerification result = audit.verify(null);
    assertThat(result).isInstanceOf(ChainVerification.Intact.class);
    assertThat(((ChainVerification.Intact) result).entries()).isEqualTo((long) threads * perThread);
  }
}
