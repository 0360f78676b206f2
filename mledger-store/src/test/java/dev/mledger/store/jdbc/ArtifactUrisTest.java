package dev.mledger.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArtifactUrisTest {

  @ParameterizedTest
  @CsvSource({
    "mlflow-artifacts:, mlflow-artifacts:/0",
    "mlflow-artifacts:/, mlflow-artifacts:/0",
    "s3://bucket, s3://bucket/0",
    "s3://bucket/prefix/, s3://bucket/prefix/0",
    "/var/mlruns, /var/mlruns/0",
    "/var/mlruns//, /var/mlruns/0",
    "file:///tmp/mlruns, file:///tmp/mlruns/0",
    "s3://, s3://0",
    "https://host/root?sig=abc, https://host/root/0?sig=abc"
  })
  void appendsOneSegment(String base, String expected) {
    assertThat(ArtifactUris.append(base, "0")).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "mlflow-artifacts:/0, mlflow-artifacts:/0/abc/artifacts",
    "s3://b/exp/, s3://b/exp/abc/artifacts"
  })
  void appendsRunArtifactPaths(String experimentLocation, String expected) {
    assertThat(ArtifactUris.append(experimentLocation, "abc", "artifacts")).isEqualTo(expected);
  }
}
