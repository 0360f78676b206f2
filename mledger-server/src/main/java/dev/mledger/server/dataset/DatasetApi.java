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
import dev.mledger.store.dataset.ContractFiles;
import dev.mledger.store.dataset.DatasetEvent;
import dev.mledger.store.dataset.DatasetStore;
import dev.mledger.store.dataset.DatasetVersion;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The native, read-only dataset API (versions are recorded by {@code mledger data add}):
 *
 * <ul>
 *   <li>{@code GET /api/v1/datasets}: every dataset with current and latest version, and the
 *       current version's size, files, rows, owner, license and creation time
 *   <li>{@code GET /api/v1/datasets/{name}}: its versions and the current-version history
 *   <li>{@code GET /api/v1/datasets/{name}/versions/{version}}: one version with provenance
 *   <li>{@code GET /api/v1/datasets/{name}/versions/{version}/profile}: its tabular profile
 *   <li>{@code GET /api/v1/datasets/{name}/diff?from=V&to=W}: file changes, schema changes, row
 *       counts and per-column profile changes
 *   <li>{@code POST /api/v1/datasets/{name}/versions/{version}/check}: the version checked against
 *       the data contract in the body (YAML or JSON, as {@code mledger data check --contract});
 *       changes nothing
 * </ul>
 *
 * The server diff works from recorded manifests and profiles, so it needs no access to dataset
 * bytes; row-level changes and drift tests over full columns are computed by {@code mledger data
 * diff}, which reads the snapshots.
 */
public final class DatasetApi {
  private static final String BASE = "/api/v1/datasets";
  private static final int LISTED_PATHS = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DatasetStore store;

  public DatasetApi(DatasetStore store) {
    this.store = store;
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
    respond(ctx, body);
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
