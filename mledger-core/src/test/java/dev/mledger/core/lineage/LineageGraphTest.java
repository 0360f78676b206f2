package dev.mledger.core.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.MledgerException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LineageGraphTest {
  // raw -> clean(job) -> features -> training run -> model v1 -> endpoint
  private final InMemorySource source =
      new InMemorySource()
          .edge("dataset:file//raw.csv", "job:etl/clean", Relation.INPUT)
          .edge("job:etl/clean", "dataset:file//features.csv", Relation.OUTPUT)
          .edge("dataset:file//features.csv", "dataset:file//features.csv@d1", Relation.VERSION)
          .edge("dataset:file//features.csv@d1", "run:r1", Relation.INPUT)
          .edge("code:c0ffee", "run:r1", Relation.CODE)
          .edge("run:r1", "model:churn/1", Relation.TRAINED)
          .edge("artifact:runs:/r1/model", "model:churn/1", Relation.ARTIFACT)
          .edge("model:churn/1", "endpoint:churn-prod", Relation.DEPLOYED)
          .edge("dataset:file//raw.csv", "job:etl/audit", Relation.INPUT);

  private final LineageGraph graph = new LineageGraph(source);

  private static Set<String> ids(Subgraph g) {
    return g.nodes().stream().map(NodeId::id).collect(Collectors.toSet());
  }

  @Test
  void upstreamWalksDependenciesWithDistances() {
    Subgraph up = graph.traverse(NodeId.parse("model:churn/1"), Direction.UPSTREAM, 10);

    assertThat(ids(up))
        .containsExactlyInAnyOrder(
            "model:churn/1",
            "run:r1",
            "artifact:runs:/r1/model",
            "dataset:file//features.csv@d1",
            "code:c0ffee",
            "dataset:file//features.csv",
            "job:etl/clean",
            "dataset:file//raw.csv");
    assertThat(up.distances().get(NodeId.parse("dataset:file//raw.csv"))).isEqualTo(5);
    assertThat(up.edges()).hasSize(7);
    assertThat(up.truncated()).isFalse();
  }

  @Test
  void depthLimitsTheWalkAndOneQueryIsMadePerLevel() {
    Subgraph two = graph.traverse(NodeId.parse("model:churn/1"), Direction.UPSTREAM, 2);
    assertThat(ids(two))
        .containsExactlyInAnyOrder(
            "model:churn/1",
            "run:r1",
            "artifact:runs:/r1/model",
            "dataset:file//features.csv@d1",
            "code:c0ffee");
    assertThat(source.calls).isEqualTo(2);

    Subgraph zero = graph.traverse(NodeId.parse("model:churn/1"), Direction.UPSTREAM, 0);
    assertThat(ids(zero)).containsExactly("model:churn/1");
    assertThat(zero.edges()).isEmpty();
  }

  @Test
  void downstreamFollowsDependentsOnly() {
    Subgraph down = graph.traverse(NodeId.parse("dataset:file//raw.csv"), Direction.DOWNSTREAM, 20);
    assertThat(ids(down))
        .contains("endpoint:churn-prod", "job:etl/audit", "model:churn/1")
        .doesNotContain("code:c0ffee", "artifact:runs:/r1/model");
  }

  @Test
  void bothMergesTheTwoWalksWithoutSiblings() {
    Subgraph both = graph.traverse(NodeId.parse("run:r1"), Direction.BOTH, 1);
    assertThat(ids(both))
        .containsExactlyInAnyOrder(
            "run:r1", "dataset:file//features.csv@d1", "code:c0ffee", "model:churn/1");
  }

  @Test
  void cyclesTerminateAndKeepTheirEdges() {
    InMemorySource cyclic =
        new InMemorySource()
            .edge("job:a/x", "dataset:a/t", Relation.OUTPUT)
            .edge("dataset:a/t", "job:a/x", Relation.INPUT)
            .edge("dataset:a/t", "job:a/y", Relation.INPUT)
            .edge("job:a/y", "dataset:a/t", Relation.OUTPUT);

    Subgraph g =
        new LineageGraph(cyclic).traverse(NodeId.parse("dataset:a/t"), Direction.DOWNSTREAM, 1000);

    assertThat(ids(g)).containsExactlyInAnyOrder("dataset:a/t", "job:a/x", "job:a/y");
    assertThat(g.edges()).hasSize(4);
    assertThat(cyclic.calls).isEqualTo(2);
  }

  @Test
  void aSelfLoopIsAnEdgeButNotANewNode() {
    InMemorySource loop = new InMemorySource().edge("job:a/x", "job:a/x", Relation.DERIVED);
    Subgraph g = new LineageGraph(loop).traverse(NodeId.parse("job:a/x"), Direction.UPSTREAM, 5);
    assertThat(g.nodes()).hasSize(1);
    assertThat(g.edges()).hasSize(1);
  }

  @Test
  void stopsAtTheNodeCapAndSaysSo() {
    InMemorySource wide = new InMemorySource();
    for (int i = 0; i <= LineageGraph.MAX_NODES; i++) {
      wide.edge("dataset:w/src", "run:r" + i, Relation.INPUT);
    }
    Subgraph g =
        new LineageGraph(wide).traverse(NodeId.parse("dataset:w/src"), Direction.DOWNSTREAM, 3);
    assertThat(g.nodes()).hasSize(LineageGraph.MAX_NODES);
    assertThat(g.truncated()).isTrue();
  }

  @Test
  void rejectsDepthsOutOfRange() {
    NodeId start = NodeId.parse("run:r1");
    assertThatThrownBy(() -> graph.traverse(start, Direction.UPSTREAM, -1))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("between 0 and 1000");
    assertThatThrownBy(() -> graph.traverse(start, Direction.UPSTREAM, LineageGraph.MAX_DEPTH + 1))
        .isInstanceOf(MledgerException.class);
  }

  @Test
  void dependencyClosureGroupsEverythingAModelNeeds() {
    DependencyClosure closure = graph.dependencyClosure(new NodeId.Model("churn", 1));

    assertThat(closure.datasets())
        .extracting(NodeId::id)
        .containsExactly(
            "dataset:file//features.csv", "dataset:file//features.csv@d1", "dataset:file//raw.csv");
    assertThat(closure.runs()).containsExactly(new NodeId.Run("r1"));
    assertThat(closure.jobs()).containsExactly(new NodeId.Job("etl", "clean"));
    assertThat(closure.code()).containsExactly(new NodeId.Code("c0ffee"));
    assertThat(closure.artifacts()).containsExactly(new NodeId.Artifact("runs:/r1/model"));
    assertThat(closure.models()).isEmpty();
    assertThat(closure.complete()).isTrue();
    assertThat(closure.toJson()).containsEntry("model", "model:churn/1");
  }

  @Test
  void marquezDocumentHasNodesWithInAndOutEdges() {
    source.details.put(NodeId.parse("run:r1"), Map.of("status", "FINISHED", "runId", "ignored"));
    Subgraph g = graph.traverse(NodeId.parse("run:r1"), Direction.BOTH, 1);

    Map<String, Object> doc = MarquezGraph.render(g, source.describe(g.nodes()));

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> nodes = (List<Map<String, Object>>) doc.get("graph");
    assertThat(nodes).hasSize(4);
    Map<String, Object> run = nodes.get(0);
    assertThat(run).containsEntry("id", "run:r1").containsEntry("type", "RUN");
    assertThat(run.get("data")).isEqualTo(Map.of("runId", "r1", "status", "FINISHED"));
    assertThat((List<?>) run.get("inEdges")).hasSize(2);
    assertThat(run.get("outEdges"))
        .isEqualTo(
            List.of(
                Map.of("origin", "run:r1", "destination", "model:churn/1", "relation", "trained")));
    Map<String, Object> model =
        nodes.stream().filter(n -> n.get("id").equals("model:churn/1")).findFirst().orElseThrow();
    assertThat(model.get("type")).isEqualTo("MODEL");
    assertThat((List<?>) model.get("inEdges")).hasSize(1);
    assertThat((List<?>) model.get("outEdges")).isEmpty();
  }
}
