package dev.mledger.cli.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.cli.Main;
import dev.mledger.core.lineage.LineageEdge;
import dev.mledger.core.lineage.NodeId;
import dev.mledger.core.lineage.Relation;
import dev.mledger.store.Stores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ShowLineageCommandTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeEach
  void seed() {
    try (Stores stores = Stores.open("sqlite:///" + dir.resolve("mledger.db"), "/tmp/a")) {
      edge(stores, "dataset:file//raw.csv", "job:etl/clean", Relation.INPUT);
      edge(stores, "job:etl/clean", "dataset:file//features.csv", Relation.OUTPUT);
      edge(stores, "dataset:file//features.csv", "run:r1", Relation.INPUT);
      edge(stores, "code:c0ffee", "run:r1", Relation.CODE);
      edge(stores, "run:r1", "model:churn/1", Relation.TRAINED);
      edge(stores, "dataset:file//raw.csv", "run:r1", Relation.INPUT);
    }
  }

  static void edge(Stores stores, String from, String to, Relation relation) {
    stores.lineage().addEdge(new LineageEdge(NodeId.parse(from), NodeId.parse(to), relation));
  }

  int run(String... args) {
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void upstreamTreeShowsEveryDependencyOnceAndMarksRepeats() {
    assertThat(run("lineage", "show", "model:churn/1", "--upstream", "--data", dir.toString()))
        .isZero();
    assertThat(out.toString())
        .isEqualTo(
            "model:churn/1\n"
                + "└── run:r1 (trained)\n"
                + "    ├── code:c0ffee (code)\n"
                + "    ├── dataset:file//features.csv (input)\n"
                + "    │   └── job:etl/clean (output)\n"
                + "    │       └── dataset:file//raw.csv (input)\n"
                + "    └── dataset:file//raw.csv (input) (see above)\n");
  }

  @Test
  void bothDirectionsWithDepthAndJson() throws Exception {
    assertThat(run("lineage", "show", "run:r1", "--depth", "1", "--data", dir.toString())).isZero();
    assertThat(out.toString())
        .startsWith("upstream:\nrun:r1\n")
        .contains("downstream:\nrun:r1\n└── model:churn/1 (trained)\n");
    out.getBuffer().setLength(0);

    assertThat(
            run(
                "lineage",
                "show",
                "job:etl/clean",
                "--downstream",
                "--json",
                "--data",
                dir.toString()))
        .isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.at("/graph/0/id").asText()).isEqualTo("job:etl/clean");
    assertThat(json.get("graph")).hasSize(4);
  }

  @Test
  void aBadNodeIdIsAOneLineError() {
    assertThat(run("lineage", "show", "table:x", "--data", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("mledger: Invalid lineage node id 'table:x'");
  }
}
