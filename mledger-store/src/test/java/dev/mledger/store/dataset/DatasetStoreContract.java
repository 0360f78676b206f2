package dev.mledger.store.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.dataset.ColumnProfile;
import dev.mledger.core.dataset.DatasetKind;
import dev.mledger.core.dataset.DatasetRef;
import dev.mledger.core.dataset.ManifestEntry;
import dev.mledger.core.dataset.Provenance;
import dev.mledger.core.dataset.SemanticVersion;
import dev.mledger.core.dataset.TabularProfile;
import dev.mledger.core.dataset.TreeHasher;
import dev.mledger.core.dataset.VersionBump;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.store.Stores;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link DatasetStore} implementation must show; run per database. */
abstract class DatasetStoreContract {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);

  private Stores stores;
  private DatasetStore datasets;

  protected abstract Stores openEmptyStores();

  protected abstract Connection rawConnection() throws SQLException;

  @BeforeEach
  void open() {
    stores = openEmptyStores();
    datasets = stores.datasets();
  }

  @AfterEach
  void close() {
    stores.close();
  }

  private static NewDatasetVersion directory(String version, VersionBump bump, String hash) {
    return new NewDatasetVersion(
        "churn",
        version == null ? null : SemanticVersion.parse(version),
        bump,
        DatasetKind.DIRECTORY,
        "data",
        List.of(new ManifestEntry("z/2.csv", 2, hash), new ManifestEntry("1.csv", 1, A)),
        new Provenance("s3://raw/churn", "team-ds", "CC-BY-4.0", List.of("email"), null, "alice"),
        List.of(),
        null);
  }

  @Test
  void addRecordsAnImmutableVersionWithItsManifestAndProvenance() {
    DatasetVersion v = datasets.add(directory(null, VersionBump.MINOR, B), "alice");
    assertThat(v.version()).isEqualTo(SemanticVersion.INITIAL);
    assertThat(v.sha256())
        .isEqualTo(
            TreeHasher.ofDirectory(
                    List.of(new ManifestEntry("1.csv", 1, A), new ManifestEntry("z/2.csv", 2, B)))
                .hash());
    assertThat(v.size()).isEqualTo(3);
    assertThat(v.files()).isEqualTo(2);
    assertThat(v.provenance().license()).isEqualTo("CC-BY-4.0");
    assertThat(v.provenance().piiColumns()).containsExactly("email");
    List<ManifestEntry> files = new ArrayList<>();
    datasets.forEachFile("churn", v.version(), files::add);
    assertThat(files).extracting(ManifestEntry::path).containsExactly("1.csv", "z/2.csv");
    assertThat(datasets.get(DatasetRef.parse("churn"))).isEqualTo(v);
    assertThat(datasets.referencesBlob(B)).isTrue();
    assertThat(datasets.referencesBlob("c".repeat(64))).isFalse();
  }

  @Test
  void referencedBlobsAnswersForManyBlobsAtOnce() {
    datasets.add(directory(null, VersionBump.MINOR, B), "alice");
    List<String> asked = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      asked.add(String.format("%064x", i + 1_000_000));
    }
    asked.add(1_234, A);
    asked.add(B);
    assertThat(datasets.referencedBlobs(asked)).containsExactlyInAnyOrder(A, B);
    assertThat(datasets.referencedBlobs(List.of())).isEmpty();
  }

  @Test
  void bumpsFromTheHighestLabelAndRefusesTakenLabels() {
    datasets.add(directory(null, VersionBump.MINOR, B), "alice");
    assertThat(datasets.add(directory(null, VersionBump.MINOR, A), "alice").version())
        .hasToString("1.1.0");
    assertThat(datasets.add(directory("3.0.0", VersionBump.PATCH, A), "alice").version())
        .hasToString("3.0.0");
    assertThat(datasets.add(directory(null, VersionBump.PATCH, B), "alice").version())
        .hasToString("3.0.1");
    assertThatThrownBy(() -> datasets.add(directory("1.1.0", VersionBump.PATCH, B), "bob"))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_ALREADY_EXISTS));
    assertThat(datasets.versions("churn"))
        .extracting(v -> v.version().toString())
        .containsExactly("3.0.1", "3.0.0", "1.1.0", "1.0.0");
    assertThat(datasets.list())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.current()).hasToString("3.0.1");
              assertThat(s.latest()).hasToString("3.0.1");
              assertThat(s.versions()).isEqualTo(4);
            });
  }

  @Test
  void rollbackMovesTheCurrentPointerAndKeepsHistory() {
    datasets.add(directory(null, VersionBump.MINOR, B), "alice");
    datasets.add(directory(null, VersionBump.MINOR, A), "alice");
    DatasetEvent event =
        datasets.rollback("churn", SemanticVersion.INITIAL, "bob", "bad labels in 1.1.0");
    assertThat(event.previous()).hasToString("1.1.0");
    assertThat(datasets.get(DatasetRef.parse("churn")).version())
        .isEqualTo(SemanticVersion.INITIAL);
    assertThat(datasets.find("churn", SemanticVersion.parse("1.1.0"))).isPresent();
    assertThat(datasets.events("churn"))
        .extracting(DatasetEvent::action, e -> e.version().toString(), DatasetEvent::actor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("add", "1.0.0", "alice"),
            org.assertj.core.groups.Tuple.tuple("add", "1.1.0", "alice"),
            org.assertj.core.groups.Tuple.tuple("rollback", "1.0.0", "bob"));
    assertThatThrownBy(() -> datasets.rollback("churn", SemanticVersion.INITIAL, "bob", null))
        .isInstanceOfSatisfying(
            MledgerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
    assertThatThrownBy(
            () -> datasets.rollback("churn", SemanticVersion.parse("9.0.0"), "bob", null))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
  }

  @Test
  void unknownDatasetsAndVersionsAreNotFound() {
    assertThatThrownBy(() -> datasets.get(DatasetRef.parse("nope")))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("No dataset named 'nope'");
    datasets.add(directory(null, VersionBump.MINOR, B), "alice");
    assertThatThrownBy(() -> datasets.get(DatasetRef.parse("churn@2.0.0")))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("has no version 2.0.0");
    assertThat(datasets.versions("nope")).isEmpty();
  }

  @Test
  void profilesKeysAndUndeclaredPiiRoundTrip() {
    TabularProfile profile =
        new TabularProfile(
            "d.csv",
            2,
            List.of(
                new ColumnProfile("id", "numeric", 2, 0, 0, 2, 1.0, 2.0, 1.5, 0.7, 1.5, Map.of()),
                new ColumnProfile(
                    "c",
                    "categorical",
                    2,
                    0,
                    0,
                    1,
                    null,
                    null,
                    null,
                    null,
                    null,
                    Map.of("x", 2L))));
    DatasetVersion v =
        datasets.add(
            new NewDatasetVersion(
                "users",
                SemanticVersion.parse("2.0.0"),
                VersionBump.PATCH,
                DatasetKind.FILE,
                "d.csv",
                List.of(new ManifestEntry("d.csv", 10, A)),
                new Provenance(null, null, null, null, "r1", "alice"),
                List.of("id"),
                profile),
            "alice");
    DatasetVersion read = datasets.get(DatasetRef.parse("users@2.0.0"));
    assertThat(read).isEqualTo(v);
    assertThat(read.profile()).isEqualTo(profile);
    assertThat(read.keyColumns()).containsExactly("id");
    assertThat(read.provenance().piiDeclared()).isFalse();
    assertThat(read.sha256()).isEqualTo(A);
  }

  @Test
  void versionsAndManifestsCannotBeChangedBehindTheStoresBack() throws SQLException {
    datasets.add(directory(null, VersionBump.MINOR, B), "alice");
    try (Connection c = rawConnection();
        Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.execute("UPDATE ds_versions SET sha256 = 'x'"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("immutable");
      assertThatThrownBy(() -> st.execute("DELETE FROM ds_files"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("immutable");
      assertThatThrownBy(() -> st.execute("DELETE FROM ds_events"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("immutable");
    }
  }

  @Test
  void largeManifestsAreStoredAndStreamedInOrder() {
    List<ManifestEntry> files = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      files.add(new ManifestEntry("part-" + i + "/f.bin", i, i % 2 == 0 ? A : B));
    }
    DatasetVersion v =
        datasets.add(
            new NewDatasetVersion(
                "big",
                null,
                VersionBump.MINOR,
                DatasetKind.DIRECTORY,
                "big",
                files,
                new Provenance(null, null, null, List.of(), null, "alice"),
                List.of(),
                null),
            "alice");
    List<ManifestEntry> read = new ArrayList<>();
    datasets.forEachFile("big", v.version(), read::add);
    assertThat(read).hasSize(5_000);
    assertThat(TreeHasher.ofDirectory(read).hash()).isEqualTo(v.sha256());
    assertThat(read.get(0).path()).isEqualTo("part-0/f.bin");
    assertThat(read.get(1).path()).isEqualTo("part-1/f.bin");
    assertThat(read.get(2).path()).isEqualTo("part-10/f.bin");
  }
}
