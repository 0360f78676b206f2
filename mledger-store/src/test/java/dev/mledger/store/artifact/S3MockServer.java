package dev.mledger.store.artifact;

import com.adobe.testing.s3mock.S3MockApplication;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A real S3-API server (Adobe S3Mock) in this JVM, on a random port, for one test class. */
final class S3MockServer implements AutoCloseable {
  private final S3MockApplication app;
  private final S3Client client;

  S3MockServer(Path root) {
    app =
        S3MockApplication.start(
            // S3Mock adds its defaults to the map it is given.
            new HashMap<>(
                Map.of(
                    S3MockApplication.PROP_HTTP_PORT,
                    S3MockApplication.RANDOM_PORT,
                    S3MockApplication.PROP_HTTPS_PORT,
                    S3MockApplication.RANDOM_PORT,
                    S3MockApplication.PROP_ROOT_DIRECTORY,
                    root.toString(),
                    S3MockApplication.PROP_SILENT,
                    true,
                    "spring.main.banner-mode",
                    "off")));
    client =
        S3Client.builder()
            .endpointOverride(endpoint())
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClientBuilder(ApacheHttpClient.builder())
            .build();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + app.getHttpPort());
  }

  S3Client client() {
    return client;
  }

  void createBucket(String bucket) {
    client.createBucket(b -> b.bucket(bucket));
  }

  @Override
  public void close() {
    client.close();
    app.stop();
  }
}
