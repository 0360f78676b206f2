package dev.mledger.store.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.lineage.DependencyClosure;
import dev.mledger.core.lineage.Direction;
import dev.mledger.core.lineage.LineageEdge;
import dev.mledger.core.lineage.LineageGraph;
import dev.mledger.core.lineage.NodeId;
import dev.mledger.core.lineage.Relation;
import dev.mledger.core.lineage.openlineage.OpenLineageEvent;
import dev.mledger.core.lineage.openlineage.OpenLineageEvents;
import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.InputTag;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.store.NewRun;
import dev.mledger.store.Stores;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link LineageStore} must do; subclasses supply the database. */
public abstract class LineageStoreContract {
  static final String RUN_ID = "3f5e83fa-3480-44ff-99c5-ff943904e5e8";
  static final String FACET =
      "\"_producer\": \"https://example.org/p\", \"_schemaURL\": \"https://openlineage.io/s\"";

  protected Stores stores;
  protected LineageStore lineage;

  protected abstract Stores openEmptyStores();

  @BeforeEach
  void open() {
    stores = openEmptyStores();
    lineage = stores.lineage();
  }

  @AfterEach
  void close() {
    stores.close();
  }

  /** A run event of job etl/clean: raw.csv → features.csv, at {@code time}. */
  static OpenLineageEvent cleanEvent(String type, String time, String schemaType) {
    String json =
        "{\"eventType\": \""
            + type
            + "\", \"eventTime\": \""
            + time
            + "\", \"producer\": \"https://example.org/etl\","
            + " \"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
            + " \"run\": {\"runId\": \""
            + RUN_ID
            + "\"}, \"job\": {\"namespace\": \"etl\", \"name\": \"clean\"},"
            + " \"inputs\": [{\"namespace\": \"file\", \"name\": \"/data/raw.csv\", \"facets\": {"
            + "\"schema\": {"
            + FACET
            + ", \"fields\": [{\"name\": \"x\", \"type\": \""
            + schemaType
            + "\"}]}, \"dataSource\": {"
            + FACET
            + ", \"name\": \"local\", \"uri\": \"file:///data\"}}}],"
            + " \"outputs\": [{\"namespace\": \"file\", \"name\": \"/data/features.csv\"}]}";
    return OpenLineageEvents.parse(CanonicalJson.parse(json));
  }

  static NodeId id(String text) {
    return NodeId.parse(text);
  }

  private Set<String> neighbours(String node, Direction direction) {
    return lineage.edges(Set.of(id(node)), direction).stream()
        .map(e -> (direction == Direction.UPSTREAM ? e.from() : e.to()).id())
        .collect(Collectors.toSet());
  }

  @Test
  void runEventsBecomeEdgesThroughTheJob() {
    IngestResult first = lineage.ingest(cleanEvent("START", "2024-05-01T12:00:00Z", "DOUBLE"));
    lineage.ingest(cleanEvent("COMPLETE", "2024-05-01T12:05:00Z", "DOUBLE"));

    assertThat(first.duplicate()).isFalse();
    assertThat(neighbours("job:etl/clean", Direction.UPSTREAM))
        .containsExactly("dataset:file//data/raw.csv");
    assertThat(neighbours("job:etl/clean", Direction.DOWNSTREAM))
        .containsExactly("dataset:file//data/features.csv");
    assertThat(lineage.edges(Set.of(id("job:etl/clean")), Direction.DOWNSTREAM))
        .extracting(LineageEdge::relation)
        .containsOnly(Relation.OUTPUT);
    assertThat(lineage.events(RUN_ID))
        .extracting(StoredLineageEvent::eventType)
        .containsExactly("START", "COMPLETE");
  }

  @Test
  void reDeliveryIsIdempotent() {
    OpenLineageEvent event = cleanEvent("COMPLETE", "2024-05-01T12:05:00Z", "DOUBLE");
    IngestResult first = lineage.ingest(event);
    IngestResult again = lineage.ingest(event);

    assertThat(again.duplicate()).isTrue();
    assertThat(again.digest()).isEqualTo(first.digest());
    assertThat(lineage.events(RUN_ID)).hasSize(1);
    assertThat(lineage.edges(Set.of(id("job:etl/clean")), Direction.UPSTREAM)).hasSize(1);
    assertThat(CanonicalJson.parse(lineage.events(RUN_ID).get(0).document()))
        .isEqualTo(event.document());
  }

  @Test
  @SuppressWarnings("unchecked")
  void keepsSchemaAndDataSourceFacetsAndTheNewestWins() {
    lineage.ingest(cleanEvent("COMPLETE", "2024-05-01T12:05:00Z", "DOUBLE"));
    // An older event delivered late must not overwrite the newer schema.
    lineage.ingest(cleanEvent("START", "2024-05-01T12:00:00Z", "STRING"));

    NodeId raw = id("dataset:file//data/raw.csv");
    Map<String, Object> data = lineage.describe(Set.of(raw)).get(raw);
    Map<String, Object> facets = (Map<String, Object>) data.get("facets");
    assertThat(facets).containsKeys("schema", "dataSource");
    assertThat(facets.get("schema").toString()).contains("DOUBLE").doesNotContain("STRING");

    NodeId job = id("job:etl/clean");
    Map<String, Object> latestRun =
        (Map<String, Object>) lineage.describe(Set.of(job)).get(job).get("latestRun");
    assertThat(latestRun).containsEntry("eventType", "COMPLETE").containsEntry("runId", RUN_ID);
  }

  @Test
  void versionedDatasetsHangOffTheirIdentity() {
    String json =
        "{\"eventTime\": \"2024-05-01T12:00:00Z\", \"producer\": \"https://p\","
            + " \"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent\","
            + " \"job\": {\"namespace\": \"etl\", \"name\": \"snapshot\"},"
            + " \"outputs\": [{\"namespace\": \"s3://lake\", \"name\": \"clean\", \"facets\":"
            + " {\"version\": {"
            + FACET
            + ", \"datasetVersion\": \"v3\"}}}]}";
    lineage.ingest(OpenLineageEvents.parse(CanonicalJson.parse(json)));

    assertThat(neighbours("dataset:s3:%2F%2Flake/clean", Direction.DOWNSTREAM))
        .containsExactly("dataset:s3:%2F%2Flake/clean@v3");
    assertThat(neighbours("dataset:s3:%2F%2Flake/clean@v3", Direction.UPSTREAM))
        .containsExactlyInAnyOrder("job:etl/snapshot", "dataset:s3:%2F%2Flake/clean");
  }

  private String runWithInputs() {
    String runId =
        stores
            .tracking()
            .createRun(new NewRun("0", "alice", 1_000L, "train", List.of()))
            .info()
            .runId();
    stores
        .tracking()
        .logInputs(
            runId,
            List.of(
                new DatasetInput(
                    List.of(new InputTag("mlflow.data.context", "training")),
                    new Dataset(
                        "features",
                        "d1g35t",
                        "local",
                        "{\"uri\": \"/data/features.csv\"}",
                        null,
                        null))));
    stores.tracking().setTag(runId, new RunTag("mlflow.source.git.commit", "c0ffee"));
    stores.tracking().setTag(runId, new RunTag("mlflow.source.git.repoURL", "https://git/x"));
    return runId;
  }

  @Test
  void mlflowRunInputsAndCommitsAreEdgesWithoutAnyIngestion() {
    String runId = runWithInputs();

    assertThat(neighbours("run:" + runId, Direction.UPSTREAM))
        .containsExactlyInAnyOrder("dataset:file//data/features.csv@d1g35t", "code:c0ffee");
    assertThat(neighbours("dataset:file//data/features.csv@d1g35t", Direction.DOWNSTREAM))
        .containsExactly("run:" + runId);
    assertThat(neighbours("code:c0ffee", Direction.DOWNSTREAM)).containsExactly("run:" + runId);
    // Without OpenLineage knowing the identity, the version stands alone.
    assertThat(neighbours("dataset:file//data/features.csv@d1g35t", Direction.UPSTREAM)).isEmpty();

    Map<NodeId, Map<String, Object>> details =
        lineage.describe(Set.of(id("run:" + runId), id("code:c0ffee")));
    assertThat(details.get(id("run:" + runId)))
        .containsEntry("status", "RUNNING")
        .containsEntry("runName", "train");
    assertThat(details.get(id("code:c0ffee"))).containsEntry("repoURL", "https://git/x");
  }

  @Test
  void openLineageOutputsLinkToTheMlflowRunsThatReadThem() {
    String runId = runWithInputs();
    lineage.ingest(cleanEvent("COMPLETE", "2024-05-01T12:05:00Z", "DOUBLE"));

    assertThat(neighbours("dataset:file//data/features.csv", Direction.DOWNSTREAM))
        .containsExactly("dataset:file//data/features.csv@d1g35t");
    assertThat(neighbours("dataset:file//data/features.csv@d1g35t", Direction.UPSTREAM))
        .containsExactly("dataset:file//data/features.csv");

    LineageGraph graph = LineageSources.graph(lineage, null);
    Set<String> downstreamOfRaw =
        graph.traverse(id("dataset:file//data/raw.csv"), Direction.DOWNSTREAM, 10).nodes().stream()
            .map(NodeId::id)
            .collect(Collectors.toSet());
    assertThat(downstreamOfRaw).contains("job:etl/clean", "run:" + runId);
  }

  @Test
  void explicitEdgesAreIdempotent() {
    LineageEdge deployed =
        new LineageEdge(id("model:churn/1"), id("endpoint:churn-prod"), Relation.DEPLOYED);
    lineage.addEdge(deployed);
    lineage.addEdge(deployed);

    assertThat(lineage.edges(Set.of(id("endpoint:churn-prod")), Direction.UPSTREAM))
        .containsExactly(deployed);
  }

  @Test
  void emptyAndUnknownNodesHaveNoEdges() {
    assertThat(lineage.edges(Set.of(), Direction.UPSTREAM)).isEmpty();
    assertThat(lineage.edges(Set.of(id("run:nope"), id("dataset:a/b")), Direction.DOWNSTREAM))
        .isEmpty();
    assertThat(lineage.describe(Set.of(id("job:a/b")))).isEmpty();
  }

  @Test
  void dependencyClosureOfAModelAcrossTrackingLineageAndExplicitEdges() {
    String runId = runWithInputs();
    lineage.ingest(cleanEvent("COMPLETE", "2024-05-01T12:05:00Z", "DOUBLE"));
    lineage.addEdge(new LineageEdge(id("run:" + runId), id("model:churn/1"), Relation.TRAINED));
    lineage.addEdge(
        new LineageEdge(
            id("artifact:runs:/" + runId + "/model"), id("model:churn/1"), Relation.ARTIFACT));

    DependencyClosure closure =
        LineageSources.graph(lineage, null).dependencyClosure(new NodeId.Model("churn", 1));

    assertThat(closure.datasets())
        .extracting(NodeId::id)
        .containsExactly(
            "dataset:file//data/features.csv",
            "dataset:file//data/features.csv@d1g35t",
            "dataset:file//data/raw.csv");
    assertThat(closure.jobs()).containsExactly(new NodeId.Job("etl", "clean"));
    assertThat(closure.runs()).containsExactly(new NodeId.Run(runId));
    assertThat(closure.code()).containsExactly(new NodeId.Code("c0ffee"));
    assertThat(closure.artifacts())
        .containsExactly(new NodeId.Artifact("runs:/" + runId + "/model"));
    assertThat(closure.complete()).isTrue();
  }
}
