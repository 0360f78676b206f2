package dev.mledger.server.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.core.dataset.ColumnProfile;
import dev.mledger.core.dataset.DataContract;
import dev.mledger.core.dataset.DatasetNames;
import dev.mledger.core.dataset.DatasetRef;
import dev.mledger.core.dataset.ManifestEntry;
import dev.mledger.core.dataset.SemanticVersion;
import dev.mledger.core.dataset.TabularProfile;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.server.http.JsonResponses;
import dev.mledger.server.http.Routes;
import dev.mledger.store.artifact.ContentStore;
import dev.mledger.store.dataset.ContractFiles;
import dev.mledger.store.dataset.DatasetEvent;
import dev.mledger.store.dataset.DatasetStore;
import dev.mledger.store.dataset.DatasetVersion;
import dev.mledger.store.dataset.TableDiff;
import dev.mledger.store.tabular.ReadOptions;
import dev.mledger.store.tabular.TableReader;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The native, read-only dataset API (versions are recorded by {@code mledger data add}):
 *
 * <ul>
 *   <li>{@code GET /api/v1/datasets}: every dataset with current and latest version, and the
 *       current version's size, files, rows, owner, license and creation time
 *   <li>{@code GET /api/v1/datasets/{name}}: its versions and the current-version history
 *   <li>{@code GET /api/v1/datasets/{name}/versions/{version}}: one version with provenance
 *   <li>{@code GET /api/v1/datasets/{name}/versions/{version}/profile}: its tabular profile
 *   <li>{@code GET /api/v1/datasets/{name}/diff?from=V&to=W[&rows=true]}: file changes, schema
 *       changes, row counts and per-column profile changes; with {@code rows=true} also the
 *       row-level diff and drift tests of {@code mledger data diff} ({@code row_diff}), read from
 *       the dataset bytes when the server has them (else {@code row_diff_note} says why not)
 *   <li>{@code POST /api/v1/datasets/{name}/versions/{version}/check}: the version checked against
 *       the data contract in the body (YAML or JSON, as {@code mledger data check --contract});
 *       changes nothing
 * </ul>
 *
 * The default diff works from recorded manifests and profiles, so it needs no access to dataset
 * bytes.
 */
public final class DatasetApi {
  private static final String BASE = "/api/v1/datasets";
  private static final int LISTED_PATHS = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Largest version the server reads for a row-level diff; larger ones go to the CLI. */
  static final long MAX_ROW_DIFF_BYTES = 64L << 20;

  private final DatasetStore store;
  private final ContentStore blobs;

  /**
   * @param blobs dataset bytes for row-level diffs; null when the server cannot read them
   */
  public DatasetApi(DatasetStore store, ContentStore blobs) {
    this.store = store;
    this.blobs = blobs;
  }

  public void register(Routes routes) {
    routes.add(HandlerType.GET, BASE, this::list);
    routes.add(HandlerType.GET, BASE + "/{name}", this::dataset);
    routes.add(HandlerType.GET, BASE + "/{name}/versions/{version}", this::version);
    routes.add(HandlerType.GET, BASE + "/{name}/versions/{version}/profile", this::profile);
    routes.add(HandlerType.GET, BASE + "/{name}/diff", this::diff);
    routes.add(HandlerType.POST, BASE + "/{name}/versions/{version}/check", this::check);
  }

  private void list(Context ctx) {
    List<Map<String, Object>> rows = new ArrayList<>();
    store
        .list()
        .forEach(
            s -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("name", s.name());
              m.put("current_version", s.current().toString());
              m.put("latest_version", s.latest().toString());
              m.put("versions", s.versions());
              m.put("updated_at", s.updatedAt().toEpochMilli());
              // The listing shows what the current version is: its size, owner and terms.
              store
                  .find(s.name(), s.current())
                  .ifPresent(
                      v -> {
                        m.put("kind", v.kind().jsonName());
                        m.put("size", v.size());
                        m.put("files", v.files());
                        m.put("rows", v.profile() == null ? null : v.profile().rows());
                        m.put("owner", v.provenance().owner());
                        m.put("license", v.provenance().license());
                        m.put("created_at", v.createdAt().toEpochMilli());
                      });
              rows.add(m);
            });
    respond(ctx, Map.of("datasets", rows));
  }

  private void dataset(Context ctx) {
    String name = name(ctx);
    DatasetVersion current = store.get(new DatasetRef(name, Optional.empty()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("current_version", current.version().toString());
    body.put("versions", store.versions(name).stream().map(v -> version(v, false)).toList());
    body.put("events", store.events(name).stream().map(DatasetApi::event).toList());
    respond(ctx, body);
  }

  private void version(Context ctx) {
    respond(ctx, version(get(ctx, ctx.pathParam("version")), true));
  }

  private void profile(Context ctx) {
    DatasetVersion v = get(ctx, ctx.pathParam("version"));
    TabularProfile profile =
        v.tabular()
            .orElseThrow(
                () ->
                    MledgerException.notFound(
                        v.ref()
                            + " has no tabular profile (only single CSV/TSV/Parquet files are profiled)"));
    respond(ctx, profile.toMap());
  }

  private void diff(Context ctx) {
    String from = ctx.queryParam("from");
    String to = ctx.queryParam("to");
    if (from == null || to == null) {
      throw MledgerException.invalidParameter(
          "Both 'from' and 'to' query parameters (version labels) are required.");
    }
    DatasetVersion a = get(ctx, from);
    DatasetVersion b = get(ctx, to);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", version(a, false));
    body.put("to", version(b, false));
    body.put("identical", a.sha256().equals(b.sha256()));
    body.put("files", fileChanges(a, b));
    body.put(
        "table",
        a.profile() != null && b.profile() != null
            ? profileChanges(a.profile(), b.profile())
            : null);
    if ("true".equals(ctx.queryParam("rows"))) {
      rowDiff(a, b, body);
    }
    respond(ctx, body);
  }

  /** Adds {@code row_diff} (as {@code mledger data diff --json}'s table) or why there is none. */
  private void rowDiff(DatasetVersion a, DatasetVersion b, Map<String, Object> body) {
    String note = null;
    if (blobs == null) {
      note = "This server has no access to dataset bytes.";
    } else if (a.profile() == null || b.profile() == null) {
      note = "Rows are compared between two profiled tables (single CSV/TSV files).";
    } else if (Math.max(a.size(), b.size()) > MAX_ROW_DIFF_BYTES) {
      note = "Versions over " + (MAX_ROW_DIFF_BYTES >> 20) + " MiB are compared by the CLI.";
    } else if (!blobs.exists(singleFile(a).sha256()) || !blobs.exists(singleFile(b).sha256())) {
      note = "The bytes of these versions are not in this server's dataset store.";
    }
    if (note != null) {
      body.put("row_diff", null);
      body.put("row_diff_note", note + " Run: mledger data diff " + a.ref() + " " + b.ref());
      return;
    }
    List<String> key =
        !a.keyColumns().isEmpty() && a.keyColumns().equals(b.keyColumns())
            ? a.keyColumns()
            : List.of();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("mledger-diff-");
      TableDiff diff =
          TableDiff.of(
              TableReader.read(materialize(a, dir, "from"), ReadOptions.defaults()),
              TableReader.read(materialize(b, dir, "to"), ReadOptions.defaults()),
              key);
      body.put("row_diff", diff.toMap());
      body.put("row_diff_note", null);
    } catch (IOException e) {
      throw new MledgerException(ErrorCode.IO_ERROR, "Cannot compare the rows: " + e, e);
    } finally {
      deleteTree(dir);
    }
  }

  private ManifestEntry singleFile(DatasetVersion v) {
    List<ManifestEntry> files = new ArrayList<>();
    store.forEachFile(v.name(), v.version(), files::add);
    return files.get(0);
  }

  /**
   * Copies a version's file out of the verified blob store, keeping its extension for the reader.
   */
  private Path materialize(DatasetVersion v, Path dir, String side) throws IOException {
    // Each side gets its own name: a version may be compared with itself.
    Path file = dir.resolve(side + "-" + Path.of(v.path()).getFileName());
    try (InputStream in = blobs.open(singleFile(v).sha256())) {
      Files.copy(in, file);
    }
    return file;
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is harmless; the answer is what matters.
    }
  }

  private void check(Context ctx) {
    DatasetVersion v = get(ctx, ctx.pathParam("version"));
    DataContract contract = ContractFiles.parse(ctx.body(), "contract");
    Map<String, Object> body =
        new LinkedHashMap<>(contract.check(v.facts(), Instant.now()).toMap());
    body.put("version", v.version().toString());
    respond(ctx, body);
  }

  private Map<String, Object> fileChanges(DatasetVersion a, DatasetVersion b) {
    boolean single =
        a.kind() == dev.mledger.core.dataset.DatasetKind.FILE
            && b.kind() == dev.mledger.core.dataset.DatasetKind.FILE;
    Map<String, String> old = new HashMap<>();
    store.forEachFile(a.name(), a.version(), e -> old.put(single ? "" : e.path(), e.sha256()));
    List<String> added = new ArrayList<>();
    List<String> modified = new ArrayList<>();
    long[] unchanged = new long[1];
    store.forEachFile(
        b.name(),
        b.version(),
        (ManifestEntry e) -> {
          String before = old.remove(single ? "" : e.path());
          if (before == null) {
            added.add(e.path());
          } else if (before.equals(e.sha256())) {
            unchanged[0]++;
          } else {
            modified.add(e.path());
          }
        });
    List<String> removed = new ArrayList<>(old.keySet());
    removed.sort(null);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("added", added.size());
    m.put("removed", removed.size());
    m.put("modified", modified.size());
    m.put("unchanged", unchanged[0]);
    m.put("added_paths", added.stream().limit(LISTED_PATHS).toList());
    m.put("removed_paths", removed.stream().limit(LISTED_PATHS).toList());
    m.put("modified_paths", modified.stream().limit(LISTED_PATHS).toList());
    return m;
  }

  private static Map<String, Object> profileChanges(TabularProfile a, TabularProfile b) {
    List<Map<String, Object>> schema = new ArrayList<>();
    List<Map<String, Object>> columns = new ArrayList<>();
    for (ColumnProfile c : a.columns()) {
      Optional<ColumnProfile> other = b.column(c.name());
      if (other.isEmpty()) {
        schema.add(change(c.name(), "removed", c.type(), null));
        continue;
      }
      ColumnProfile d = other.get();
      if (!d.type().equals(c.type())) {
        schema.add(change(c.name(), "type_changed", c.type(), d.type()));
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("column", c.name());
      m.put("type", c.type());
      m.put("missing_from", c.missing());
      m.put("missing_to", d.missing());
      m.put("distinct_from", c.distinct());
      m.put("distinct_to", d.distinct());
      m.put("mean_from", c.mean());
      m.put("mean_to", d.mean());
      m.put("stddev_from", c.stddev());
      m.put("stddev_to", d.stddev());
      m.put(
          "standardized_mean_shift",
          c.mean() != null && d.mean() != null && c.stddev() != null && c.stddev() > 0
              ? (d.mean() - c.mean()) / c.stddev()
              : null);
      columns.add(m);
    }
    for (ColumnProfile d : b.columns()) {
      if (a.column(d.name()).isEmpty()) {
        schema.add(change(d.name(), "added", null, d.type()));
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows_from", a.rows());
    m.put("rows_to", b.rows());
    m.put("schema_changes", schema);
    m.put("columns", columns);
    return m;
  }

  private static Map<String, Object> change(String column, String change, String from, String to) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("column", column);
    m.put("change", change);
    m.put("from", from);
    m.put("to", to);
    return m;
  }

  private DatasetVersion get(Context ctx, String version) {
    return store.get(new DatasetRef(name(ctx), Optional.of(SemanticVersion.parse(version))));
  }

  private static String name(Context ctx) {
    String name = ctx.pathParam("name");
    DatasetNames.requireValid(name);
    return name;
  }

  private static Map<String, Object> version(DatasetVersion v, boolean withProfile) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", v.name());
    m.put("version", v.version().toString());
    m.put("kind", v.kind().jsonName());
    m.put("sha256", v.sha256());
    m.put("size", v.size());
    m.put("files", v.files());
    m.put("path", v.path());
    m.put("source", v.provenance().source());
    m.put("owner", v.provenance().owner());
    m.put("license", v.provenance().license());
    m.put("pii_columns", v.provenance().piiColumns());
    m.put("run_id", v.provenance().runId());
    m.put("created_by", v.provenance().createdBy());
    m.put("key_columns", v.keyColumns());
    m.put("created_at", v.createdAt().toEpochMilli());
    m.put("rows", v.profile() == null ? null : v.profile().rows());
    if (withProfile) {
      m.put("profile", v.profile() == null ? null : v.profile().toMap());
    }
    return m;
  }

  private static Map<String, Object> event(DatasetEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("action", e.action());
    m.put("version", e.version().toString());
    m.put("previous_version", e.previous() == null ? null : e.previous().toString());
    m.put("actor", e.actor());
    m.put("reason", e.reason());
    m.put("created_at", e.createdAt().toEpochMilli());
    return m;
  }

  private static void respond(Context ctx, Object body) {
    try {
      ctx.status(200);
      JsonResponses.write(ctx, JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new MledgerException(ErrorCode.INTERNAL_ERROR, "cannot render the response", e);
    }
  }
}
