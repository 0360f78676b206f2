package dev.mledger.core.modelcard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.lineage.Direction;
import dev.mledger.core.lineage.LineageEdge;
import dev.mledger.core.lineage.LineageGraph;
import dev.mledger.core.lineage.LineageSource;
import dev.mledger.core.lineage.NodeId;
import dev.mledger.core.lineage.Relation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CardLineageTest {
  private static final NodeId.Model MODEL = new NodeId.Model("churn", 2);

  /** raw → clean → features (versioned) → run → model → endpoint, plus code and an artifact. */
  private static Source pipeline() {
    return new Source()
        .edge("dataset:file/raw.csv", "job:etl/clean", Relation.INPUT)
        .edge("job:etl/clean", "dataset:file/clean.csv", Relation.OUTPUT)
        .edge("dataset:file/clean.csv", "job:etl/features", Relation.INPUT)
        .edge("job:etl/features", "dataset:file/features.csv", Relation.OUTPUT)
        .edge("dataset:file/features.csv", "dataset:file/features.csv@sha256aa", Relation.VERSION)
        .edge("dataset:file/features.csv@sha256aa", "run:r1", Relation.INPUT)
        .edge("code:abc123", "run:r1", Relation.CODE)
        .edge("artifact:s3://b/model.pkl", "model:churn/2", Relation.ARTIFACT)
        .edge("run:r1", "model:churn/2", Relation.TRAINED)
        .edge("model:churn/2", "endpoint:churn-prod", Relation.DEPLOYED)
        .edge("model:churn/2", "model:churn-distilled/1", Relation.DERIVED);
  }

  private static CardLineage lineage(Source source, List<String> monitors) {
    LineageGraph graph = new LineageGraph(source);
    var up = graph.upstream(MODEL);
    var down = graph.downstream(MODEL);
    Set<NodeId> nodes = new java.util.TreeSet<>(up.nodes());
    nodes.addAll(down.nodes());
    return CardLineage.of(MODEL, up, down, source.describe(nodes), monitors);
  }

  @Test
  void upstreamClosureCarriesChainsVersionsProducersAndDownstreamConsumers() {
    Source source = pipeline();
    source.details.put(
        NodeId.parse("run:r1"), Map.of("runName", "train-ridge", "status", "FINISHED"));
    source.details.put(
        NodeId.parse("dataset:file/features.csv"),
        Map.of("facets", Map.of("dataSource", Map.of("uri", "file:///data"))));
    CardLineage lineage = lineage(source, List.of("drift-b", "drift-a"));

    assertThat(lineage.upstream())
        .extracting(CardLineage.Node::id)
        .containsExactly(
            "artifact:s3://b/model.pkl",
            "run:r1",
            "code:abc123",
            "dataset:file/features.csv@sha256aa",
            "dataset:file/features.csv",
            "job:etl/features",
            "dataset:file/clean.csv",
            "job:etl/clean",
            "dataset:file/raw.csv");
    CardLineage.Node features = lineage.upstream().get(3);
    assertThat(features.version()).isEqualTo("sha256aa");
    assertThat(features.producedBy()).containsExactly("job:etl/features");
    assertThat(lineage.upstream().get(1).facts())
        .containsEntry("runName", "train-ridge")
        .containsEntry("status", "FINISHED");
    assertThat(lineage.upstream().get(2).version()).isEqualTo("abc123");
    assertThat(lineage.upstream().get(4).facts()).containsEntry("dataSource", "file:///data");
    // Sources first: the chain reads from raw data towards the model.
    assertThat(lineage.edges().get(0))
        .isEqualTo(new CardLineage.Edge("dataset:file/raw.csv", "job:etl/clean", "input"));
    assertThat(lineage.edges().get(lineage.edges().size() - 1).to()).isEqualTo("model:churn/2");
    assertThat(lineage.endpoints()).containsExactly("endpoint:churn-prod");
    assertThat(lineage.downstreamModels()).containsExactly("model:churn-distilled/1");
    assertThat(lineage.monitors()).containsExactly("drift-a", "drift-b");
    assertThat(lineage.complete()).isTrue();
    assertThat(lineage.isEmpty()).isFalse();
  }

  @Test
  void cardRendersTheLineageSectionInMarkdownAndJson() {
    ModelCardInputs in = inputs(lineage(pipeline(), List.of("drift-a")));
    String md = ModelCards.toMarkdown(in);
    assertThat(md)
        .contains("### Upstream dependency closure")
        .contains(
            "| `dataset:file/features.csv@sha256aa` | dataset | 2 | `sha256aa` |"
                + " `job:etl/features` | – |\n")
        .contains("- `dataset:file/raw.csv` → `job:etl/clean` (input)\n")
        .contains("- `run:r1` → `model:churn/2` (trained)\n")
        .contains("- Endpoints: `endpoint:churn-prod`\n- Monitors: `drift-a`\n")
        .contains("- Derived model versions: `model:churn-distilled/1`\n")
        .doesNotContain("No lineage recorded");

    @SuppressWarnings("unchecked")
    Map<String, Object> tree = (Map<String, Object>) ModelCards.toTree(in).get("lineage");
    assertThat(tree).containsEntry("recorded", true).containsEntry("complete", true);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> upstream = (List<Map<String, Object>>) tree.get("upstream");
    assertThat(upstream).hasSize(9);
    assertThat(upstream.get(8))
        .containsEntry("id", "dataset:file/raw.csv")
        .containsEntry("kind", "dataset")
        .containsEntry("distance", 7L)
        .containsEntry("version", null);
    assertThat(tree.get("downstream"))
        .isEqualTo(
            Map.of(
                "endpoints", List.of("endpoint:churn-prod"),
                "monitors", List.of("drift-a"),
                "models", List.of("model:churn-distilled/1")));
  }

  @Test
  void emptyGraphRendersAClearNoLineageLine() {
    CardLineage none = lineage(new Source(), List.of());
    assertThat(none.isEmpty()).isTrue();
    ModelCardInputs in = inputs(none);
    assertThat(ModelCards.toMarkdown(in))
        .contains(
            "No lineage recorded: the lineage graph has nothing upstream or downstream of this"
                + " version.\n");
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = (Map<String, Object>) ModelCards.toTree(in).get("lineage");
    assertThat(tree)
        .containsEntry("recorded", false)
        .containsEntry("upstream", List.of())
        .containsEntry("edges", List.of());
  }

  private static ModelCardInputs inputs(CardLineage lineage) {
    return new ModelCardInputs(
        "churn",
        "2",
        "",
        "None",
        List.of(),
        "r1",
        Map.of(),
        List.of(),
        null,
        List.of(),
        "",
        lineage,
        List.of(),
        List.of(),
        Instant.parse("2026-01-02T03:04:05Z"));
  }

  private static final class Source implements LineageSource {
    final List<LineageEdge> edges = new ArrayList<>();
    final Map<NodeId, Map<String, Object>> details = new LinkedHashMap<>();

    Source edge(String from, String to, Relation relation) {
      edges.add(new LineageEdge(NodeId.parse(from), NodeId.parse(to), relation));
      return this;
    }

    @Override
    public List<LineageEdge> edges(Set<NodeId> nodes, Direction direction) {
      return edges.stream()
          .filter(e -> nodes.contains(direction == Direction.UPSTREAM ? e.to() : e.from()))
          .toList();
    }

    @Override
    public Map<NodeId, Map<String, Object>> describe(Set<NodeId> nodes) {
      Map<NodeId, Map<String, Object>> out = new LinkedHashMap<>();
      nodes.stream().filter(details::containsKey).forEach(n -> out.put(n, details.get(n)));
      return out;
    }
  }
}
