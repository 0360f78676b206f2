package dev.mledger.server.ui;

import static dev.mledger.server.ui.UiTestData.call;
import static dev.mledger.server.ui.UiTestData.object;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.dataset.DatasetKind;
import dev.mledger.core.dataset.ManifestEntry;
import dev.mledger.core.dataset.Provenance;
import dev.mledger.core.dataset.SemanticVersion;
import dev.mledger.core.dataset.VersionBump;
import dev.mledger.server.testing.RunningServer;
import dev.mledger.store.dataset.DatasetVersion;
import dev.mledger.store.dataset.NewDatasetVersion;
import dev.mledger.store.dataset.TabularProfiler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Data for the dataset, lineage and audit pages, recorded the way mledger records it: two versions
 * of a housing table (the second with more rows, a new column and shifted prices) and an image
 * directory; a pipeline job that produced the table (OpenLineage), a training run that read v1.0.0
 * (MLflow {@code log-inputs} as {@code mledger data add --run} logs it), the model version it
 * produced and the endpoint serving it; and an audit trail longer than one page.
 */
final class DataUiTestData {
  static final String TABLE = "housing";
  static final String IMAGES = "street-images";
  static final String MODEL = "housing-price";
  static final String ENDPOINT = "housing-prod";
  static final String JOB = "clean-housing";
  static final int TABLE_ROWS_V1 = 40;
  static final int TABLE_ROWS_V2 = 60;

  /**
   * Audit entries appended on top of those the recorded mutations wrote: more than two pages of the
   * UI's 50.
   */
  static final int AUDIT_ENTRIES = 120;

  final String runId;
  final DatasetVersion v1;
  final DatasetVersion v2;

  private DataUiTestData(String runId, DatasetVersion v1, DatasetVersion v2) {
    this.runId = runId;
    this.v1 = v1;
    this.v2 = v2;
  }

  static DataUiTestData load(RunningServer server, Path dir) throws IOException {
    DatasetVersion v1 = addTable(server, dir, "1.0.0", TABLE_ROWS_V1, false, 0.0, null);
    String experiment =
        call(server, "experiments/create", object().put("name", "housing-training"))
            .get("experiment_id")
            .asText();
    String runId =
        call(
                server,
                "runs/create",
                object()
                    .put("experiment_id", experiment)
                    .put("run_name", "ridge-train")
                    .put("start_time", 1_700_000_000_000L))
            .at("/run/info/run_id")
            .asText();
    logInput(server, runId, v1);
    call(server, "runs/update", object().put("run_id", runId).put("status", "FINISHED"));
    DatasetVersion v2 = addTable(server, dir, "1.1.0", TABLE_ROWS_V2, true, 25_000.0, runId);
    addImages(server);

    UiTestData.ok201(server.post("/api/v1/lineage", jobEvent()));
    call(server, "registered-models/create", object().put("name", MODEL));
    call(
        server,
        "model-versions/create",
        object()
            .put("name", MODEL)
            .put("source", "runs:/" + runId + "/model")
            .put("run_id", runId));
    ObjectNode edge =
        object()
            .put("from", "model:" + MODEL + "/1")
            .put("to", "endpoint:" + ENDPOINT)
            .put("relation", "deployed");
    UiTestData.ok201(server.post("/api/v1/lineage/edges", edge.toString()));

    String[] actors = {"alice", "bob", "carol"};
    for (int i = 0; i < AUDIT_ENTRIES; i++) {
      String actor = actors[i % actors.length];
      if (i % 4 == 0) {
        server
            .stores()
            .audit()
            .append(
                actor,
                "dataset.add",
                "dataset",
                TABLE + (i % 8 == 0 ? "@1.0.0" : "@1.1.0"),
                Map.of("files", 1));
      } else {
        server
            .stores()
            .audit()
            .append(
                actor,
                "POST /api/v1/registry/models/{name}/versions/{version}/stage",
                "model_version",
                MODEL + "/1",
                Map.of("request", Map.of("stage", i % 2 == 0 ? "Staging" : "Production")));
      }
    }
    return new DataUiTestData(runId, v1, v2);
  }

  /** The table with {@code rows} rows; v1.1.0 adds an {@code age} column and shifts prices. */
  private static DatasetVersion addTable(
      RunningServer server,
      Path dir,
      String version,
      int rows,
      boolean withAge,
      double priceShift,
      String producingRun)
      throws IOException {
    Random random = new Random(rows);
    StringBuilder csv = new StringBuilder("id,sqft,rooms,city,price" + (withAge ? ",age" : ""));
    csv.append('\n');
    String[] cities = {"Lyon", "Porto", "Graz"};
    for (int id = 1; id <= rows; id++) {
      int sqft = 600 + random.nextInt(1800);
      csv.append(
          String.format(
              Locale.ROOT,
              "%d,%d,%d,%s,%.0f%s%n",
              id,
              sqft,
              1 + sqft / 500,
              cities[id % cities.length],
              90_000 + sqft * 140.0 + priceShift + random.nextGaussian() * 8_000,
              withAge ? "," + (5 + random.nextInt(60)) : ""));
    }
    Path file = Files.createDirectories(dir.resolve("v" + version)).resolve("housing.csv");
    Files.writeString(file, csv);
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    // As `mledger data add` does: the bytes go to the dataset store the server reads diffs from.
    String stored = server.datasetBlobs().put(new ByteArrayInputStream(bytes)).sha256();
    return server
        .stores()
        .datasets()
        .add(
            new NewDatasetVersion(
                TABLE,
                SemanticVersion.parse(version),
                VersionBump.MINOR,
                DatasetKind.FILE,
                "housing.csv",
                List.of(new ManifestEntry("housing.csv", bytes.length, stored)),
                new Provenance(
                    "s3://open-data/housing",
                    "pricing-team",
                    "CC-BY-4.0",
                    List.of(),
                    producingRun,
                    "alice"),
                List.of("id"),
                TabularProfiler.profile(file)),
            "alice");
  }

  private static void addImages(RunningServer server) {
    List<ManifestEntry> files =
        List.of(
            new ManifestEntry("a/001.jpg", 20_480, "1".repeat(64)),
            new ManifestEntry("a/002.jpg", 30_720, "2".repeat(64)),
            new ManifestEntry("b/003.jpg", 10_240, "3".repeat(64)));
    server
        .stores()
        .datasets()
        .add(
            new NewDatasetVersion(
                IMAGES,
                SemanticVersion.parse("1.0.0"),
                VersionBump.MINOR,
                DatasetKind.DIRECTORY,
                "images",
                files,
                new Provenance("camera rig 4", "vision-team", null, null, null, "bob"),
                List.of(),
                null),
            "bob");
  }

  /** The MLflow dataset input {@code mledger data add --run} logs for a version. */
  private static void logInput(RunningServer server, String runId, DatasetVersion v) {
    ObjectNode body = object().put("run_id", runId);
    ObjectNode input = body.putArray("datasets").addObject();
    input
        .putArray("tags")
        .add(object().put("key", "mlflow.data.context").put("value", "training"))
        .add(object().put("key", "mledger.dataset.version").put("value", v.version().toString()));
    input
        .putObject("dataset")
        .put("name", v.name())
        .put("digest", v.sha256().substring(0, 32))
        .put("source_type", "mledger")
        .put(
            "source",
            "{\"uri\": \"mledger://datasets/"
                + v.name()
                + "/versions/"
                + v.version()
                + "\", \"sha256\": \""
                + v.sha256()
                + "\"}");
    call(server, "runs/log-inputs", body);
  }

  /** The pipeline job that cleaned the raw file into the housing table (OpenLineage 2-0-2). */
  private static String jobEvent() {
    return "{\"eventType\": \"COMPLETE\", \"eventTime\": \"2024-05-01T12:00:00Z\","
        + " \"producer\": \"https://example.org/etl\","
        + " \"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
        + " \"run\": {\"runId\": \"3f5e83fa-3480-44ff-99c5-ff943904e5e8\"},"
        + " \"job\": {\"namespace\": \"etl\", \"name\": \""
        + JOB
        + "\"},"
        + " \"inputs\": [{\"namespace\": \"s3://open-data\", \"name\": \"housing/raw.csv\"}],"
        + " \"outputs\": [{\"namespace\": \"mledger://datasets\", \"name\":"
        + " \"housing/versions/1.0.0\"}]}";
  }
}
