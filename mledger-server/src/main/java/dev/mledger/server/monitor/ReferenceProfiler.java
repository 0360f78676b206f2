package dev.mledger.server.monitor;

import dev.mledger.core.dataset.ManifestEntry;
import dev.mledger.core.dataset.SemanticVersion;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.lineage.LineageEdge;
import dev.mledger.core.lineage.NodeId;
import dev.mledger.core.lineage.Relation;
import dev.mledger.core.monitor.ColumnProfile;
import dev.mledger.core.monitor.FeatureSpec;
import dev.mledger.core.monitor.FeatureType;
import dev.mledger.core.monitor.MonitorDefinition;
import dev.mledger.core.monitor.ReferenceProfile;
import dev.mledger.store.Stores;
import dev.mledger.store.artifact.ArtifactStore;
import dev.mledger.store.artifact.ContentStore;
import dev.mledger.store.dataset.DatasetVersion;
import dev.mledger.store.tabular.CategoricalColumn;
import dev.mledger.store.tabular.ColumnType;
import dev.mledger.store.tabular.NumericColumn;
import dev.mledger.store.tabular.ReadOptions;
import dev.mledger.store.tabular.Table;
import dev.mledger.store.tabular.TableColumn;
import dev.mledger.store.tabular.TableReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a monitor's reference profile on the server from a stored table: a file of a dataset
 * version's snapshot (from the dataset blob store) or a run's artifact (from the artifact store
 * behind the proxy, or a local artifact location). The table is read with only the monitored
 * columns (CSV, TSV or Parquet through {@link TableReader}), so memory grows with rows × monitored
 * columns and not with the file's other columns; each column is then streamed into its sketch.
 * Progress goes to the server log. Missing datasets, files, runs, artifacts and columns, and
 * columns whose type does not match the monitor's feature, are clear 400 errors.
 */
final class ReferenceProfiler {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceProfiler.class);

  /** The lineage namespace of mledger's own dataset versions. */
  static final String DATASET_NAMESPACE = "mledger";

  /** The lineage namespace of monitors (a monitor is the job consuming its reference). */
  static final String MONITOR_NAMESPACE = "mledger.monitor";

  private static final String DEFAULT_PREDICTION_COLUMN = "prediction";

  private final Stores stores;
  private final ContentStore datasetBlobs;
  private final ArtifactStore artifacts;

  /**
   * @param datasetBlobs the content store of dataset snapshots, or null when this server has none
   * @param artifacts the store behind the artifact proxy, or null
   */
  ReferenceProfiler(Stores stores, ContentStore datasetBlobs, ArtifactStore artifacts) {
    this.stores = stores;
    this.datasetBlobs = datasetBlobs;
    this.artifacts = artifacts;
  }

  /** What profiling produced. */
  record Profiled(ReferenceProfile profile, long rows, String table) {}

  /** Reads the source's table and profiles the monitor's columns. */
  Profiled profile(MonitorDefinition monitor, ReferenceSource source) {
    Path dir;
    try {
      dir = Files.createTempDirectory("mledger-reference-");
    } catch (IOException e) {
      throw new MledgerException(
          ErrorCode.INTERNAL_ERROR, "Cannot create a temporary directory: " + e.getMessage(), e);
    }
    try {
      Located located =
          source instanceof ReferenceSource.DatasetFile d
              ? fetch(d, dir)
              : fetch((ReferenceSource.RunArtifact) source, dir);
      long started = System.nanoTime();
      LOG.info("Profiling the reference of monitor '{}' from {}", monitor.name(), located.name());
      Table table = read(monitor, source, located);
      ReferenceProfile profile = ReferenceProfile.empty(monitor);
      int done = 0;
      for (FeatureSpec f : monitor.features()) {
        fill(profile.column(f.name()), f, table.column(f.name()), located.name());
        done++;
        LOG.info(
            "Reference of '{}': {}/{} columns profiled ({} rows)",
            monitor.name(),
            done,
            monitor.features().size(),
            table.rows());
      }
      if (monitor.prediction() != null) {
        String column = predictionColumn(source);
        table
            .find(column)
            .ifPresent(
                c ->
                    fill(
                        profile.column(ReferenceProfile.PREDICTION),
                        new FeatureSpec(column, monitor.prediction()),
                        c,
                        located.name()));
      }
      LOG.info(
          "Reference of '{}' profiled: {} rows in {} ms",
          monitor.name(),
          table.rows(),
          (System.nanoTime() - started) / 1_000_000);
      return new Profiled(profile, table.rows(), located.name());
    } finally {
      deleteQuietly(dir);
    }
  }

  /** Records the reference as the monitor's upstream: dataset version or run → monitor job. */
  void link(String monitorName, ReferenceSource source) {
    NodeId monitor = new NodeId.Job(MONITOR_NAMESPACE, monitorName);
    NodeId from =
        source instanceof ReferenceSource.DatasetFile d
            ? new NodeId.Dataset(DATASET_NAMESPACE, d.name(), d.version())
            : new NodeId.Run(((ReferenceSource.RunArtifact) source).runId());
    Relation relation =
        source instanceof ReferenceSource.DatasetFile ? Relation.INPUT : Relation.DERIVED;
    stores.lineage().addEdge(new LineageEdge(from, monitor, relation));
  }

  private record Located(Path file, String name) {}

  private Located fetch(ReferenceSource.DatasetFile d, Path dir) {
    SemanticVersion version = SemanticVersion.parse(d.version());
    DatasetVersion v =
        stores
            .datasets()
            .find(d.name(), version)
            .orElseThrow(
                () ->
                    MledgerException.invalidParameter(
                        "The reference dataset "
                            + d.name()
                            + "@"
                            + d.version()
                            + " does not exist."));
    List<ManifestEntry> tables = new ArrayList<>();
    ManifestEntry[] chosen = new ManifestEntry[1];
    stores
        .datasets()
        .forEachFile(
            v.name(),
            v.version(),
            e -> {
              if (d.file() != null && e.path().equals(d.file())) {
                chosen[0] = e;
              }
              if (TableReader.isTableFileName(e.path()) && tables.size() < 20) {
                tables.add(e);
              }
            });
    ManifestEntry entry = chosen[0];
    if (entry == null && d.file() != null) {
      throw MledgerException.invalidParameter(
          "Dataset " + v.ref() + " has no file '" + d.file() + "'" + tableHint(tables) + ".");
    }
    if (entry == null) {
      if (tables.size() != 1) {
        throw MledgerException.invalidParameter(
            "Dataset "
                + v.ref()
                + (tables.isEmpty()
                    ? " holds no CSV, TSV or Parquet file."
                    : " holds several tables; name one with 'file'" + tableHint(tables) + "."));
      }
      entry = tables.get(0);
    }
    if (datasetBlobs == null) {
      throw MledgerException.invalidParameter(
          "This server has no dataset blob store, so it cannot read " + v.ref() + ".");
    }
    String name = v.ref() + ":" + entry.path();
    try (InputStream in = datasetBlobs.open(entry.sha256())) {
      return new Located(copy(in, dir, entry.path()), name);
    } catch (IOException e) {
      throw new MledgerException(
          ErrorCode.INTERNAL_ERROR, "Cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  private static String tableHint(List<ManifestEntry> tables) {
    if (tables.isEmpty()) {
      return "";
    }
    List<String> paths = tables.stream().map(ManifestEntry::path).toList();
    return " (tables: " + String.join(", ", paths) + ")";
  }

  private Located fetch(ReferenceSource.RunArtifact r, Path dir) {
    String artifact = r.artifact();
    if (artifact.isBlank()
        || artifact.startsWith("/")
        || List.of(artifact.split("/")).contains("..")) {
      throw MledgerException.invalidParameter(
          "'reference.artifact' must be a relative path inside the run's artifacts, got '"
              + artifact
              + "'.");
    }
    String root;
    try {
      root = stores.tracking().getRun(r.runId()).info().artifactUri();
    } catch (MledgerException e) {
      if (e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        throw MledgerException.invalidParameter(
            "The reference run '" + r.runId() + "' does not exist.");
      }
      throw e;
    }
    String name = "run " + r.runId() + " artifact " + artifact;
    String base = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    try {
      if (base.startsWith("mlflow-artifacts:")) {
        String path = URI.create(base).getPath();
        String storePath = (path.startsWith("/") ? path.substring(1) : path) + "/" + artifact;
        if (artifacts == null || !artifacts.exists(storePath)) {
          throw missingArtifact(r, artifact);
        }
        try (InputStream in = artifacts.open(storePath)) {
          return new Located(copy(in, dir, artifact), name);
        }
      }
      Path local = base.startsWith("file:") ? Path.of(URI.create(base)) : Path.of(base);
      Path file = local.resolve(artifact);
      if (!Files.isRegularFile(file)) {
        throw missingArtifact(r, artifact);
      }
      return new Located(file, name);
    } catch (IOException | IllegalArgumentException e) {
      throw MledgerException.invalidParameter(
          "Cannot read " + name + " (artifact location " + root + "): " + e.getMessage());
    }
  }

  private static MledgerException missingArtifact(ReferenceSource.RunArtifact r, String artifact) {
    return MledgerException.invalidParameter(
        "Run '" + r.runId() + "' has no artifact '" + artifact + "'.");
  }

  private static Path copy(InputStream in, Path dir, String originalPath) throws IOException {
    // Keeps the file name: the table reader recognises the format by its extension.
    String fileName = originalPath.substring(originalPath.lastIndexOf('/') + 1);
    Path target = dir.resolve(fileName.isBlank() ? "table" : fileName);
    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  private static String predictionColumn(ReferenceSource source) {
    return source.predictionColumn() == null
        ? DEFAULT_PREDICTION_COLUMN
        : source.predictionColumn();
  }

  private static Table read(MonitorDefinition monitor, ReferenceSource source, Located located) {
    List<String> columns = new ArrayList<>();
    Map<String, ColumnType> types = new LinkedHashMap<>();
    for (FeatureSpec f : monitor.features()) {
      columns.add(f.name());
    }
    String prediction = predictionColumn(source);
    boolean predictionRequired = source.predictionColumn() != null;
    if (monitor.prediction() != null && !columns.contains(prediction)) {
      columns.add(prediction);
    }
    try {
      return TableReader.read(
          located.file(), ReadOptions.defaults().withColumns(columns).withTypes(types));
    } catch (MledgerException e) {
      String message = e.getMessage().replace(located.file().toString(), located.name());
      boolean missingPrediction = message.startsWith("column '" + prediction + "' not found");
      if (missingPrediction && !predictionRequired && monitor.prediction() != null) {
        // The default prediction column is optional: without it, predictions are not compared.
        columns.remove(prediction);
        return read(located, columns, types);
      }
      throw MledgerException.invalidParameter(
          "The reference table does not fit the monitor: " + message);
    }
  }

  private static Table read(Located located, List<String> columns, Map<String, ColumnType> types) {
    try {
      return TableReader.read(
          located.file(), ReadOptions.defaults().withColumns(columns).withTypes(types));
    } catch (MledgerException e) {
      throw MledgerException.invalidParameter(
          "The reference table does not fit the monitor: "
              + e.getMessage().replace(located.file().toString(), located.name()));
    }
  }

  private static void fill(
      ColumnProfile target, FeatureSpec feature, TableColumn column, String table) {
    if (feature.type() == FeatureType.NUMERIC) {
      if (!(column instanceof NumericColumn n)) {
        throw MledgerException.invalidParameter(
            "Column '"
                + feature.name()
                + "' of "
                + table
                + " is categorical, but the monitor's feature is numeric.");
      }
      for (double v : n.values()) {
        target.add(Double.isNaN(v) ? null : v);
      }
      return;
    }
    if (column instanceof CategoricalColumn c) {
      for (int row = 0; row < c.rows(); row++) {
        target.add(c.value(row));
      }
    } else {
      // Numbers as categories read the way events send them (1 and 1.0 are one category).
      for (double v : ((NumericColumn) column).values()) {
        target.add(Double.isNaN(v) ? null : (Object) v);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("Cannot delete {}: {}", dir, e.toString());
    }
  }
}
