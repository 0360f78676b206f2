package dev.mledger.cli.demo;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * OpenLineage 2-0-2 run events for the demo's pipeline jobs, posted to {@code POST
 * /api/v1/lineage}: files are named the way OpenLineage names local files (namespace {@code file},
 * name the absolute path) and versioned by the digest the training runs log, so the pipeline's
 * output and the runs' MLflow inputs meet in one lineage graph.
 */
final class LineageEvents {
  static final String JOB_NAMESPACE = "mledger-demo";
  static final String PRODUCER = "https://github.com/mledger/mledger/tree/main/mledger-cli#demo";
  private static final String SPEC = "https://openlineage.io/spec/2-0-2/OpenLineage.json";
  private static final String FACETS = "https://openlineage.io/spec/facets/1-0-1/";

  private LineageEvents() {}

  /** A pipeline file with the dataset version that snapshots it. */
  record FileVersion(Path file, DatasetSnapshots.Version version) {}

  /** A COMPLETE event of job {@code job} reading {@code input} and writing {@code output}. */
  static Map<String, Object> complete(String job, FileVersion input, FileVersion output) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventType", "COMPLETE");
    event.put("eventTime", Instant.now().toString());
    event.put("producer", PRODUCER);
    event.put("schemaURL", SPEC + "#/$defs/RunEvent");
    event.put("run", Map.of("runId", UUID.randomUUID().toString()));
    event.put("job", Map.of("namespace", JOB_NAMESPACE, "name", job));
    event.put("inputs", List.of(dataset(input)));
    event.put("outputs", List.of(dataset(output)));
    return event;
  }

  private static Map<String, Object> dataset(FileVersion fv) {
    Map<String, Object> facets = new LinkedHashMap<>();
    facets.put(
        "schema",
        facet(
            "SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet",
            Map.of(
                "fields",
                fv.version().columns().stream()
                    .map(c -> Map.of("name", c, "type", c.equals("sensor") ? "string" : "double"))
                    .toList())));
    facets.put(
        "version",
        facet(
            "DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet",
            Map.of("datasetVersion", fv.version().digest())));
    facets.put(
        "documentation",
        facet(
            "DocumentationDatasetFacet.json#/$defs/DocumentationDatasetFacet",
            Map.of("description", "mledger dataset " + fv.version().ref())));
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("namespace", "file");
    dataset.put("name", fileName(fv.file()));
    dataset.put("facets", facets);
    return dataset;
  }

  /** The OpenLineage name of a local file: its absolute path, as a {@code file:} URI has it. */
  static String fileName(Path file) {
    return file.toAbsolutePath().normalize().toUri().getPath();
  }

  private static Map<String, Object> facet(String schema, Map<String, Object> fields) {
    Map<String, Object> facet = new LinkedHashMap<>();
    facet.put("_producer", PRODUCER);
    facet.put("_schemaURL", FACETS + schema);
    facet.putAll(fields);
    return facet;
  }
}
