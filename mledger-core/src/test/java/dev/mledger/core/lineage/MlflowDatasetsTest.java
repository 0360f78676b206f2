package dev.mledger.core.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.tracking.Dataset;
import org.junit.jupiter.api.Test;

class MlflowDatasetsTest {
  private static NodeId.Dataset node(String sourceType, String source) {
    return MlflowDatasets.node(new Dataset("train", "d1g35t", sourceType, source, null, null));
  }

  @Test
  void locationsFollowOpenLineageNaming() {
    assertThat(node("s3", "{\"uri\": \"s3://bucket/clean/part-0.parquet\"}"))
        .isEqualTo(new NodeId.Dataset("s3://bucket", "clean/part-0.parquet", "d1g35t"));
    assertThat(node("local", "{\"uri\": \"/data/features.csv\"}"))
        .isEqualTo(new NodeId.Dataset("file", "/data/features.csv", "d1g35t"));
    assertThat(node("local", "{\"uri\": \"file:///data/features.csv\"}"))
        .isEqualTo(new NodeId.Dataset("file", "/data/features.csv", "d1g35t"));
    assertThat(node("http", "{\"url\": \"https://example.org/d/x.csv\"}"))
        .isEqualTo(new NodeId.Dataset("https://example.org", "d/x.csv", "d1g35t"));
    assertThat(node("dbfs", "{\"uri\": \"dbfs:/mnt/x\"}"))
        .isEqualTo(new NodeId.Dataset("dbfs", "/mnt/x", "d1g35t"));
  }

  @Test
  void tablesAndHuggingFaceAndUnknownSources() {
    assertThat(node("delta_table", "{\"delta_table_name\": \"main.sales\"}"))
        .isEqualTo(new NodeId.Dataset("delta_table", "main.sales", "d1g35t"));
    assertThat(node("hugging_face", "{\"path\": \"mnist\", \"split\": \"train\"}"))
        .isEqualTo(new NodeId.Dataset("huggingface", "mnist", "d1g35t"));
    assertThat(node("code", "{\"tags\": {\"a\": \"b\"}}"))
        .isEqualTo(new NodeId.Dataset("mlflow", "train", "d1g35t"));
    assertThat(node("local", "not json at all"))
        .isEqualTo(new NodeId.Dataset("file", "not json at all", "d1g35t"));
  }
}
