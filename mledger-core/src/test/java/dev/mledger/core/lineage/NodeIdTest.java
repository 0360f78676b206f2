package dev.mledger.core.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotEmpty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeIdTest {

  @Test
  void textFormsOfEveryKind() {
    assertThat(new NodeId.Dataset("file", "/data/raw.csv", null).id())
        .isEqualTo("dataset:file//data/raw.csv");
    assertThat(new NodeId.Dataset("s3://bucket", "clean/part-0.parquet", "v2").id())
        .isEqualTo("dataset:s3:%2F%2Fbucket/clean/part-0.parquet@v2");
    assertThat(new NodeId.Job("etl", "clean.step").id()).isEqualTo("job:etl/clean.step");
    assertThat(new NodeId.Run("abc123").id()).isEqualTo("run:abc123");
    assertThat(new NodeId.Model("team/churn", 3).id()).isEqualTo("model:team/churn/3");
    assertThat(new NodeId.Endpoint("churn-prod").id()).isEqualTo("endpoint:churn-prod");
    assertThat(new NodeId.Code("89abcdef").id()).isEqualTo("code:89abcdef");
    assertThat(new NodeId.Artifact("runs:/r1/model").id()).isEqualTo("artifact:runs:/r1/model");
  }

  @Test
  void parsesWhatItPrints() {
    assertThat(NodeId.parse("dataset:s3:%2F%2Fbucket/clean/part-0.parquet@v2"))
        .isEqualTo(new NodeId.Dataset("s3://bucket", "clean/part-0.parquet", "v2"));
    assertThat(NodeId.parse("dataset:file//data/raw.csv"))
        .isEqualTo(new NodeId.Dataset("file", "/data/raw.csv", null));
    assertThat(NodeId.parse("model:team/churn/3")).isEqualTo(new NodeId.Model("team/churn", 3));
    assertThat(NodeId.parse("artifact:s3://b/k@1")).isEqualTo(new NodeId.Artifact("s3://b/k@1"));
    assertThat(NodeId.parse("job:etl/a/b")).isEqualTo(new NodeId.Job("etl", "a/b"));
  }

  @Test
  void escapedSeparatorsInsideNamesSurvive() {
    NodeId.Dataset odd = new NodeId.Dataset("pg://h:5432/db@x", "tbl@2024%", "a@b");
    assertThat(odd.id()).isEqualTo("dataset:pg:%2F%2Fh:5432%2Fdb%40x/tbl%402024%25@a%40b");
    assertThat(NodeId.parse(odd.id())).isEqualTo(odd);
  }

  @Property(tries = 300)
  void everyDatasetIdRoundTrips(
      @ForAll @NotEmpty String namespace, @ForAll @NotEmpty String name, @ForAll String version) {
    NodeId.Dataset node = new NodeId.Dataset(namespace, name, version.isEmpty() ? null : version);
    assertThat(NodeId.parse(node.id())).isEqualTo(node);
  }

  @Property(tries = 200)
  void everyJobAndModelIdRoundTrips(
      @ForAll @NotEmpty String namespace, @ForAll @NotEmpty String name) {
    NodeId.Job job = new NodeId.Job(namespace, name);
    assertThat(NodeId.parse(job.id())).isEqualTo(job);
    NodeId.Model model = new NodeId.Model(name, 12);
    assertThat(NodeId.parse(model.id())).isEqualTo(model);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "run",
        "run:",
        "table:x",
        "dataset:noslash",
        "dataset:/name",
        "dataset:ns/",
        "dataset:ns/name@",
        "dataset:ns/name@v@w",
        "dataset:ns/na%zzme",
        "dataset:ns/name%4",
        "job:ns",
        "model:churn",
        "model:churn/0",
        "model:churn/01",
        "model:churn/x",
        "model:/3"
      })
  void rejectsMalformedIdsWithAClearMessage(String text) {
    assertThatThrownBy(() -> NodeId.parse(text))
        .isInstanceOf(MledgerException.class)
        .satisfies(
            e ->
                assertThat(((MledgerException) e).code())
                    .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessageContaining("node id");
  }
}
