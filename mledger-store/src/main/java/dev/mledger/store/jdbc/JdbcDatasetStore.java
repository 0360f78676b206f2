package dev.mledger.store.jdbc;

import dev.mledger.core.audit.AuditEvent;
import dev.mledger.core.dataset.DatasetKind;
import dev.mledger.core.dataset.DatasetRef;
import dev.mledger.core.dataset.ManifestEntry;
import dev.mledger.core.dataset.Provenance;
import dev.mledger.core.dataset.SemanticVersion;
import dev.mledger.core.dataset.TabularProfile;
import dev.mledger.core.dataset.TreeDigest;
import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.error.MledgerException;
import dev.mledger.store.dataset.DatasetEvent;
import dev.mledger.store.dataset.DatasetStore;
import dev.mledger.store.dataset.DatasetSummary;
import dev.mledger.store.dataset.DatasetVersion;
import dev.mledger.store.dataset.NewDatasetVersion;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link DatasetStore} on the ds_datasets, ds_versions, ds_files, ds_events tables. */
final class JdbcDatasetStore implements DatasetStore {
  private static final int BATCH = 1_000;
  private static final String ORDER = " ORDER BY major DESC, minor DESC, patch DESC";
  private static final String VERSION_COLUMNS =
      "name, version, kind, sha256, size_bytes, file_count, path, source, owner, license,"
          + " pii_columns, key_columns, run_id, created_by, profile, created_at";

  private final Database db;
  private final Clock clock;

  JdbcDatasetStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public DatasetVersion add(NewDatasetVersion v, String actor) {
    requireText("actor", actor);
    TreeDigest digest = v.digest();
    long now = clock.millis();
    return db.write(
        h -> {
          Optional<String> current = currentLabel(h, v.name());
          SemanticVersion label = v.version() != null ? v.version() : nextLabel(h, v);
          if (findIn(h, v.name(), label).isPresent()) {
            throw MledgerException.alreadyExists(
                "Dataset "
                    + v.name()
                    + "@"
                    + label
                    + " already exists; versions are immutable, use a new version label.");
          }
          if (current.isEmpty()) {
            h.createUpdate(
                    "INSERT INTO ds_datasets (name, current_version, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?)")
                .bind(0, v.name())
                .bind(1, label.toString())
                .bind(2, now)
                .bind(3, now)
                .execute();
          }
          Provenance p = v.provenance();
          h.createUpdate(
                  "INSERT INTO ds_versions (name, version, major, minor, patch, kind, sha256,"
                      + " size_bytes, file_count, path, source, owner, license, pii_columns,"
                      + " key_columns, run_id, created_by, profile, created_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
              .bind(0, v.name())
              .bind(1, label.toString())
              .bind(2, label.major())
              .bind(3, label.minor())
              .bind(4, label.patch())
              .bind(5, v.kind().jsonName())
              .bind(6, digest.hash())
              .bind(7, digest.size())
              .bind(8, digest.files())
              .bind(9, v.path())
              .bind(10, p.source())
              .bind(11, p.owner())
              .bind(12, p.license())
              .bind(13, p.piiColumns() == null ? null : CanonicalJson.write(p.piiColumns()))
              .bind(14, CanonicalJson.write(v.keyColumns()))
              .bind(15, p.runId())
              .bind(16, p.createdBy())
              .bind(17, v.profile() == null ? null : v.profile().toJson())
              .bind(18, now)
              .execute();
          insertFiles(h, v.name(), label, v.manifest());
          if (current.isPresent()) {
            moveCurrent(h, v.name(), label, now);
          }
          insertEvent(h, v.name(), "add", label, current.orElse(null), actor, null, now);
          Map<String, Object> details =
              AuditDetails.of(
                  "version", label.toString(),
                  "sha256", digest.hash(),
                  "size", digest.size(),
                  "files", digest.files());
          if (p.runId() != null) {
            details.put("run_id", p.runId());
          }
          db.audit()
              .record(
                  h,
                  () ->
                      new AuditEvent(
                          actor, "dataset.add", "dataset", v.name() + "@" + label, details));
          return findIn(h, v.name(), label).orElseThrow();
        });
  }

  private static SemanticVersion nextLabel(Handle h, NewDatasetVersion v) {
    return h.createQuery("SELECT version FROM ds_versions WHERE name = ?" + ORDER)
        .bind(0, v.name())
        .mapTo(String.class)
        .findFirst()
        .map(latest -> SemanticVersion.parse(latest).bump(v.bump()))
        .orElse(SemanticVersion.INITIAL);
  }

  private static void insertFiles(
      Handle h, String name, SemanticVersion label, List<ManifestEntry> files) {
    // Manifest order, so that streaming it back feeds the tree hash and checkout in order.
    List<ManifestEntry> sorted = new ArrayList<>(files);
    sorted.sort(
        (a, b) -> dev.mledger.core.dataset.ManifestOrder.INSTANCE.compare(a.path(), b.path()));
    PreparedBatch batch = null;
    long position = 0;
    for (ManifestEntry f : sorted) {
      if (batch == null) {
        batch =
            h.prepareBatch(
                "INSERT INTO ds_files (name, version, position, path, size_bytes, sha256)"
                    + " VALUES (?, ?, ?, ?, ?, ?)");
      }
      batch
          .bind(0, name)
          .bind(1, label.toString())
          .bind(2, position++)
          .bind(3, f.path())
          .bind(4, f.size())
          .bind(5, f.sha256())
          .add();
      if (batch.size() >= BATCH) {
        batch.execute();
        batch = null;
      }
    }
    if (batch != null && batch.size() > 0) {
      batch.execute();
    }
  }

  @Override
  public Optional<DatasetVersion> find(String name, SemanticVersion version) {
    return db.read(h -> findIn(h, name, version));
  }

  @Override
  public DatasetVersion get(DatasetRef ref) {
    return db.read(
        h -> {
          SemanticVersion version =
              ref.version()
                  .orElseGet(
                      () ->
                          SemanticVersion.parse(
                              currentLabel(h, ref.name())
                                  .orElseThrow(() -> unknownDataset(ref.name()))));
          return findIn(h, ref.name(), version)
              .orElseThrow(
                  () -> {
                    if (currentLabel(h, ref.name()).isEmpty()) {
                      return unknownDataset(ref.name());
                    }
                    return MledgerException.notFound(
                        "Dataset " + ref.name() + " has no version " + version + ".");
                  });
        });
  }

  @Override
  public List<DatasetVersion> versions(String name) {
    return db.read(
        h ->
            h.createQuery("SELECT " + VERSION_COLUMNS + " FROM ds_versions WHERE name = ?" + ORDER)
                .bind(0, name)
                .map((rs, ctx) -> version(rs))
                .list());
  }

  @Override
  public List<DatasetSummary> list() {
    return db.read(
        h -> {
          Map<String, List<SemanticVersion>> labels = new HashMap<>();
          h.createQuery("SELECT name, version FROM ds_versions")
              .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
              .forEach(
                  e ->
                      labels
                          .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                          .add(SemanticVersion.parse(e.getValue())));
          return h.createQuery(
                  "SELECT name, current_version, updated_at FROM ds_datasets ORDER BY name")
              .map(
                  (rs, ctx) -> {
                    List<SemanticVersion> all = labels.getOrDefault(rs.getString(1), List.of());
                    return new DatasetSummary(
                        rs.getString(1),
                        SemanticVersion.parse(rs.getString(2)),
                        all.stream().max(SemanticVersion::compareTo).orElseThrow(),
                        all.size(),
                        Instant.ofEpochMilli(rs.getLong(3)));
                  })
              .list();
        });
  }

  @Override
  public void forEachFile(String name, SemanticVersion version, Consumer<ManifestEntry> consumer) {
    db.read(
        h -> {
          try (var files =
              h
                  .createQuery(
                      "SELECT path, size_bytes, sha256 FROM ds_files"
                          + " WHERE name = ? AND version = ? ORDER BY position")
                  .bind(0, name)
                  .bind(1, version.toString())
                  .setFetchSize(BATCH)
                  .map(
                      (rs, ctx) ->
                          new ManifestEntry(
                              rs.getString("path"),
                              rs.getLong("size_bytes"),
                              rs.getString("sha256")))
                  .stream()) {
            files.forEach(consumer);
          }
          return null;
        });
  }

  @Override
  public DatasetEvent rollback(String name, SemanticVersion version, String actor, String reason) {
    requireText("actor", actor);
    long now = clock.millis();
    return db.write(
        h -> {
          String current = currentLabel(h, name).orElseThrow(() -> unknownDataset(name));
          if (findIn(h, name, version).isEmpty()) {
            throw MledgerException.notFound("Dataset " + name + " has no version " + version + ".");
          }
          if (current.equals(version.toString())) {
            throw MledgerException.invalidState(
                "Dataset " + name + "@" + version + " is already the current version.");
          }
          moveCurrent(h, name, version, now);
          long id = insertEvent(h, name, "rollback", version, current, actor, reason, now);
          Map<String, Object> details =
              AuditDetails.of("version", version.toString(), "previous_version", current);
          if (reason != null) {
            details.put("reason", reason);
          }
          db.audit()
              .record(h, () -> new AuditEvent(actor, "dataset.rollback", "dataset", name, details));
          return new DatasetEvent(
              id,
              name,
              "rollback",
              version,
              SemanticVersion.parse(current),
              actor,
              reason,
              Instant.ofEpochMilli(now));
        });
  }

  @Override
  public List<DatasetEvent> events(String name) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT event_id, name, action, version, previous_version, actor, reason,"
                        + " created_at FROM ds_events WHERE name = ? ORDER BY event_id")
                .bind(0, name)
                .map(
                    (rs, ctx) ->
                        new DatasetEvent(
                            rs.getLong("event_id"),
                            rs.getString("name"),
                            rs.getString("action"),
                            SemanticVersion.parse(rs.getString("version")),
                            rs.getString("previous_version") == null
                                ? null
                                : SemanticVersion.parse(rs.getString("previous_version")),
                            rs.getString("actor"),
                            rs.getString("reason"),
                            Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
  }

  @Override
  public boolean referencesBlob(String sha256) {
    return db.read(
        h ->
            h.createQuery("SELECT 1 FROM ds_files WHERE sha256 = ? LIMIT 1")
                .bind(0, sha256)
                .mapTo(Integer.class)
                .findFirst()
                .isPresent());
  }

  @Override
  public java.util.Set<String> referencedBlobs(java.util.Collection<String> sha256s) {
    List<String> all = List.copyOf(sha256s);
    java.util.Set<String> used = new java.util.HashSet<>();
    for (int i = 0; i < all.size(); i += BATCH) {
      List<String> chunk = all.subList(i, Math.min(all.size(), i + BATCH));
      used.addAll(
          db.read(
              h -> {
                var query =
                    h.createQuery(
                        "SELECT DISTINCT sha256 FROM ds_files WHERE sha256 IN ("
                            + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))
                            + ")");
                for (int k = 0; k < chunk.size(); k++) {
                  query.bind(k, chunk.get(k));
                }
                return query.mapTo(String.class).list();
              }));
    }
    return used;
  }

  private static Optional<String> currentLabel(Handle h, String name) {
    return h.createQuery("SELECT current_version FROM ds_datasets WHERE name = ?")
        .bind(0, name)
        .mapTo(String.class)
        .findFirst();
  }

  private static void moveCurrent(Handle h, String name, SemanticVersion label, long now) {
    h.createUpdate("UPDATE ds_datasets SET current_version = ?, updated_at = ? WHERE name = ?")
        .bind(0, label.toString())
        .bind(1, now)
        .bind(2, name)
        .execute();
  }

  private static long insertEvent(
      Handle h,
      String name,
      String action,
      SemanticVersion version,
      String previous,
      String actor,
      String reason,
      long now) {
    return h.createUpdate(
            "INSERT INTO ds_events (name, action, version, previous_version, actor, reason,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(0, name)
        .bind(1, action)
        .bind(2, version.toString())
        .bind(3, previous)
        .bind(4, actor)
        .bind(5, reason)
        .bind(6, now)
        .executeAndReturnGeneratedKeys("event_id")
        .mapTo(Long.class)
        .one();
  }

  private static Optional<DatasetVersion> findIn(Handle h, String name, SemanticVersion version) {
    return h.createQuery(
            "SELECT " + VERSION_COLUMNS + " FROM ds_versions WHERE name = ? AND version = ?")
        .bind(0, name)
        .bind(1, version.toString())
        .map((rs, ctx) -> version(rs))
        .findFirst();
  }

  private static DatasetVersion version(ResultSet rs) throws SQLException {
    String pii = rs.getString("pii_columns");
    String profile = rs.getString("profile");
    return new DatasetVersion(
        rs.getString("name"),
        SemanticVersion.parse(rs.getString("version")),
        DatasetKind.fromName(rs.getString("kind")),
        rs.getString("sha256"),
        rs.getLong("size_bytes"),
        rs.getLong("file_count"),
        rs.getString("path"),
        new Provenance(
            rs.getString("source"),
            rs.getString("owner"),
            rs.getString("license"),
            pii == null ? null : textList(pii),
            rs.getString("run_id"),
            rs.getString("created_by")),
        textList(rs.getString("key_columns")),
        profile == null ? null : TabularProfile.fromJson(profile),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }

  private static List<String> textList(String json) {
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) CanonicalJson.parse(json)) {
      out.add((String) o);
    }
    return out;
  }

  private static MledgerException unknownDataset(String name) {
    return MledgerException.notFound(
        "No dataset named '" + name + "'. Add one with: mledger data add PATH --name " + name);
  }

  private static void requireText(String what, String value) {
    if (value == null || value.isBlank()) {
      throw MledgerException.invalidParameter(what + " must not be empty");
    }
  }
}
