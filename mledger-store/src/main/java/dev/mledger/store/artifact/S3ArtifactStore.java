package dev.mledger.store.artifact;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link ArtifactStore} on an S3-compatible object store (AWS S3, MinIO, Ceph, S3Mock). Artifact
 * {@code a/b.txt} is the object {@code <prefix>a/b.txt}, readable by any S3 tool, and carries its
 * SHA-256 in the user metadata {@code x-amz-meta-}{@value #SHA256_METADATA} so reads are verified.
 *
 * <p>Uploads stream in parts of {@value #PART_BYTES} bytes, so memory use is bounded whatever the
 * size. A file that fits in one part is one {@code PutObject}. A larger one goes to a multipart
 * upload under {@code <prefix>}{@value #UPLOADS_DIR}{@code /} and is then copied server-side to its
 * key with its checksum: the checksum is only known at the end, and S3 fixes metadata when an
 * upload starts. Either way the object appears whole or not at all. That upload area is hidden from
 * listings, refused as an artifact path, and cleaned by {@link #gc(Duration)}.
 */
public final class S3ArtifactStore implements ArtifactStore {
  /** User-metadata key holding the lower-case hex SHA-256 of the object. */
  public static final String SHA256_METADATA = "mledger-sha256";

  /** Top-level directory of unfinished uploads. */
  public static final String UPLOADS_DIR = ".mledger-uploads";

  static final int PART_BYTES = 8 * 1024 * 1024;
  private static final long MAX_SINGLE_COPY_BYTES = 5L * 1024 * 1024 * 1024;
  private static final long COPY_PART_BYTES = 1024L * 1024 * 1024;
  private static final int DELETE_BATCH = 1000;

  private final S3Client s3;
  private final S3Location location;
  private final boolean ownsClient;
  private final long maxSingleCopyBytes;

  /** A store on {@code location} through {@code s3}; the caller keeps ownership of the client. */
  public S3ArtifactStore(S3Client s3, S3Location location) {
    this(s3, location, false, MAX_SINGLE_COPY_BYTES);
  }

  S3ArtifactStore(S3Client s3, S3Location location, boolean ownsClient, long maxSingleCopyBytes) {
    this.s3 = s3;
    this.location = location;
    this.ownsClient = ownsClient;
    this.maxSingleCopyBytes = maxSingleCopyBytes;
  }

  /**
   * Opens a store on {@code location} configured like MLflow's S3 artifact repository: the endpoint
   * from {@code MLFLOW_S3_ENDPOINT_URL} (then {@code AWS_ENDPOINT_URL_S3}, {@code
   * AWS_ENDPOINT_URL}; with an endpoint, path-style addressing as MinIO and S3Mock need), the
   * region from {@code AWS_REGION} or {@code AWS_DEFAULT_REGION} (default {@code us-east-1}), and
   * credentials from the standard AWS chain ({@code AWS_ACCESS_KEY_ID}/{@code
   * AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN}, profiles, instance roles).
   */
  public static S3ArtifactStore open(S3Location location, Map<String, String> env) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(ApacheHttpClient.builder())
            .credentialsProvider(credentials(env))
            .region(Region.of(firstSet(env, "us-east-1", "AWS_REGION", "AWS_DEFAULT_REGION")));
    String endpoint =
        firstSet(env, null, "MLFLOW_S3_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
    }
    return new S3ArtifactStore(builder.build(), location, true, MAX_SINGLE_COPY_BYTES);
  }

  /** Keys given in {@code env} win; otherwise the SDK's default chain looks further. */
  private static AwsCredentialsProvider credentials(Map<String, String> env) {
    String accessKey = firstSet(env, null, "AWS_ACCESS_KEY_ID");
    String secretKey = firstSet(env, null, "AWS_SECRET_ACCESS_KEY");
    if (accessKey == null || secretKey == null) {
      return DefaultCredentialsProvider.create();
    }
    String sessionToken = firstSet(env, null, "AWS_SESSION_TOKEN");
    return StaticCredentialsProvider.create(
        sessionToken == null
            ? AwsBasicCredentials.create(accessKey, secretKey)
            : AwsSessionCredentials.create(accessKey, secretKey, sessionToken));
  }

  /** Where the objects live. */
  public S3Location location() {
    return location;
  }

  @Override
  public ArtifactInfo put(String path, InputStream data) {
    String normalized = checkedFile(path);
    MessageDigest digest = Sha256.newDigest();
    byte[] part = new byte[PART_BYTES];
    int first = readPart(data, part, normalized);
    digest.update(part, 0, first);
    if (first < PART_BYTES) {
      String sha256 = HexFormat.of().formatHex(digest.digest());
      call(
          normalized,
          () ->
              s3.putObject(
                  b ->
                      b.bucket(location.bucket())
                          .key(location.key(normalized))
                          .contentLength((long) first)
                          .metadata(Map.of(SHA256_METADATA, sha256)),
                  RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, first), first)));
      return ArtifactInfo.of(normalized, first, sha256);
    }
    return putMultipart(normalized, data, part, digest);
  }

  private ArtifactInfo putMultipart(
      String normalized, InputStream data, byte[] part, MessageDigest digest) {
    String uploadKey = location.prefix() + UPLOADS_DIR + "/" + UUID.randomUUID();
    String uploadId =
        call(
            normalized,
            () ->
                s3.createMultipartUpload(b -> b.bucket(location.bucket()).key(uploadKey))
                    .uploadId());
    boolean completed = false;
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long size = 0;
      int length = PART_BYTES;
      while (length > 0) {
        int partNumber = parts.size() + 1;
        int n = length;
        String etag =
            call(
                normalized,
                () ->
                    s3.uploadPart(
                            b ->
                                b.bucket(location.bucket())
                                    .key(uploadKey)
                                    .uploadId(uploadId)
                                    .partNumber(partNumber)
                                    .contentLength((long) n),
                            RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, n), n))
                        .eTag());
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        size += n;
        length = readPart(data, part, normalized);
        digest.update(part, 0, length);
      }
      call(
          normalized,
          () ->
              s3.completeMultipartUpload(
                  b ->
                      b.bucket(location.bucket())
                          .key(uploadKey)
                          .uploadId(uploadId)
                          .multipartUpload(
                              CompletedMultipartUpload.builder().parts(parts).build())));
      completed = true;
      String sha256 = HexFormat.of().formatHex(digest.digest());
      copyWithChecksum(normalized, uploadKey, size, sha256);
      return ArtifactInfo.of(normalized, size, sha256);
    } finally {
      cleanUpUpload(uploadKey, uploadId, completed);
    }
  }

  private void copyWithChecksum(String normalized, String uploadKey, long size, String sha256) {
    String key = location.key(normalized);
    Map<String, String> metadata = Map.of(SHA256_METADATA, sha256);
    if (size <= maxSingleCopyBytes) {
      call(
          normalized,
          () ->
              s3.copyObject(
                  b ->
                      b.sourceBucket(location.bucket())
                          .sourceKey(uploadKey)
                          .destinationBucket(location.bucket())
                          .destinationKey(key)
                          .metadataDirective(MetadataDirective.REPLACE)
                          .metadata(metadata)));
      return;
    }
    // Single copies stop at 5 GiB; beyond, the object is reassembled from ranged part copies.
    String copyId =
        call(
            normalized,
            () ->
                s3.createMultipartUpload(
                        b -> b.bucket(location.bucket()).key(key).metadata(metadata))
                    .uploadId());
    boolean done = false;
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long partBytes = Math.max(COPY_PART_BYTES, Math.min(maxSingleCopyBytes, size / 9_000 + 1));
      for (long start = 0; start < size; start += partBytes) {
        int partNumber = parts.size() + 1;
        String range = "bytes=" + start + "-" + (Math.min(size, start + partBytes) - 1);
        String etag =
            call(
                normalized,
                () ->
                    s3.uploadPartCopy(
                            b ->
                                b.sourceBucket(location.bucket())
                                    .sourceKey(uploadKey)
                                    .destinationBucket(location.bucket())
                                    .destinationKey(key)
                                    .uploadId(copyId)
                                    .partNumber(partNumber)
                                    .copySourceRange(range))
                        .copyPartResult()
                        .eTag());
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
      }
      call(
          normalized,
          () ->
              s3.completeMultipartUpload(
                  b ->
                      b.bucket(location.bucket())
                          .key(key)
                          .uploadId(copyId)
                          .multipartUpload(
                              CompletedMultipartUpload.builder().parts(parts).build())));
      done = true;
    } finally {
      if (!done) {
        abortQuietly(key, copyId);
      }
    }
  }

  private void cleanUpUpload(String uploadKey, String uploadId, boolean completed) {
    try {
      if (completed) {
        s3.deleteObject(b -> b.bucket(location.bucket()).key(uploadKey));
      } else {
        abortQuietly(uploadKey, uploadId);
      }
    } catch (RuntimeException e) {
      // gc removes what is left after the grace period.
    }
  }

  private void abortQuietly(String key, String uploadId) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(location.bucket()).key(key).uploadId(uploadId));
    } catch (RuntimeException e) {
      // gc aborts it after the grace period.
    }
  }

  @Override
  public InputStream open(String path) {
    return read(path).stream();
  }

  @Override
  public ArtifactContent read(String path) {
    String normalized = checkedFile(path);
    ResponseInputStream<GetObjectResponse> in =
        call(
            normalized,
            () -> s3.getObject(b -> b.bucket(location.bucket()).key(location.key(normalized))));
    GetObjectResponse response = in.response();
    Optional<String> sha256 = Optional.ofNullable(response.metadata().get(SHA256_METADATA));
    return new ArtifactContent(
        new ArtifactInfo(normalized, response.contentLength(), sha256),
        new VerifyingInputStream(in, normalized, response.contentLength(), sha256));
  }

  @Override
  public List<FileInfo> list(String dirPath) {
    String normalized = ArtifactPaths.normalize(dirPath);
    rejectReserved(normalized);
    String dirKey = normalized.isEmpty() ? location.prefix() : location.key(normalized) + "/";
    ListObjectsV2Request request =
        ListObjectsV2Request.builder()
            .bucket(location.bucket())
            .prefix(dirKey)
            .delimiter("/")
            .build();
    List<FileInfo> entries = new ArrayList<>();
    call(
        normalized,
        () -> {
          for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request)) {
            for (CommonPrefix common : page.commonPrefixes()) {
              String name =
                  common.prefix().substring(dirKey.length(), common.prefix().length() - 1);
              if (!name.isEmpty() && !(normalized.isEmpty() && name.equals(UPLOADS_DIR))) {
                entries.add(FileInfo.directory(name));
              }
            }
            for (S3Object object : page.contents()) {
              String name = object.key().substring(dirKey.length());
              if (!name.isEmpty()) {
                entries.add(FileInfo.file(name, object.size()));
              }
            }
          }
          return null;
        });
    entries.sort((a, b) -> ArtifactPaths.compareCodePoints(a.path(), b.path()));
    return entries;
  }

  @Override
  public void delete(String path) {
    String normalized = ArtifactPaths.normalize(path);
    if (normalized.isEmpty()) {
      throw MledgerException.invalidParameter("Invalid path: the artifact root cannot be deleted.");
    }
    rejectReserved(normalized);
    String key = location.key(normalized);
    call(normalized, () -> s3.deleteObject(b -> b.bucket(location.bucket()).key(key)));
    deleteAllUnder(normalized, key + "/");
  }

  private void deleteAllUnder(String normalized, String keyPrefix) {
    ListObjectsV2Request request =
        ListObjectsV2Request.builder().bucket(location.bucket()).prefix(keyPrefix).build();
    call(
        normalized,
        () -> {
          List<ObjectIdentifier> batch = new ArrayList<>();
          for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request)) {
            for (S3Object object : page.contents()) {
              batch.add(ObjectIdentifier.builder().key(object.key()).build());
              if (batch.size() == DELETE_BATCH) {
                deleteBatch(batch);
              }
            }
          }
          deleteBatch(batch);
          return null;
        });
  }

  private void deleteBatch(List<ObjectIdentifier> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<ObjectIdentifier> keys = List.copyOf(batch);
    batch.clear();
    var response =
        s3.deleteObjects(
            b -> b.bucket(location.bucket()).delete(Delete.builder().objects(keys).build()));
    if (response.hasErrors() && !response.errors().isEmpty()) {
      var error = response.errors().get(0);
      throw new MledgerException(
          ErrorCode.IO_ERROR,
          "Cannot delete '" + error.key() + "' from " + location + ": " + error.message());
    }
  }

  @Override
  public Optional<ArtifactInfo> stat(String path) {
    String normalized = checkedFile(path);
    try {
      HeadObjectResponse head =
          call(
              normalized,
              () -> s3.headObject(b -> b.bucket(location.bucket()).key(location.key(normalized))));
      return Optional.of(
          new ArtifactInfo(
              normalized,
              head.contentLength(),
              Optional.ofNullable(head.metadata().get(SHA256_METADATA))));
    } catch (MledgerException e) {
      if (e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public boolean exists(String path) {
    String normalized = ArtifactPaths.normalize(path);
    if (!normalized.isEmpty() && stat(normalized).isPresent()) {
      return true;
    }
    return !list(normalized).isEmpty();
  }

  @Override
  public GcReport gc(Duration grace) {
    Instant cutoff = Instant.now().minus(grace);
    String uploadsPrefix = location.prefix() + UPLOADS_DIR + "/";
    return call(
        UPLOADS_DIR,
        () -> {
          long removed = 0;
          long bytes = 0;
          for (MultipartUpload upload :
              s3.listMultipartUploadsPaginator(
                      b -> b.bucket(location.bucket()).prefix(uploadsPrefix))
                  .uploads()) {
            if (upload.initiated().isBefore(cutoff)) {
              abortQuietly(upload.key(), upload.uploadId());
              removed++;
            }
          }
          List<ObjectIdentifier> stale = new ArrayList<>();
          for (S3Object object :
              s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(uploadsPrefix))
                  .contents()) {
            if (object.lastModified().isBefore(cutoff)) {
              stale.add(ObjectIdentifier.builder().key(object.key()).build());
              removed++;
              bytes += object.size();
              if (stale.size() == DELETE_BATCH) {
                deleteBatch(stale);
              }
            }
          }
          deleteBatch(stale);
          return new GcReport(removed, bytes);
        });
  }

  @Override
  public void close() {
    if (ownsClient) {
      s3.close();
    }
  }

  private static String checkedFile(String path) {
    String normalized = ArtifactPaths.normalizeFile(path);
    rejectReserved(normalized);
    return normalized;
  }

  private static void rejectReserved(String normalized) {
    if (normalized.equals(UPLOADS_DIR) || normalized.startsWith(UPLOADS_DIR + "/")) {
      throw MledgerException.invalidParameter(
          "Invalid path '" + normalized + "': '" + UPLOADS_DIR + "' is reserved for uploads.");
    }
  }

  private static int readPart(InputStream data, byte[] part, String normalized) {
    try {
      return data.readNBytes(part, 0, part.length);
    } catch (IOException e) {
      throw LocalFiles.ioError("Cannot read the upload of '" + normalized + "'", e);
    }
  }

  /** Runs one S3 call, translating its failures into the SPI's error codes. */
  private <T> T call(String path, Supplier<T> operation) {
    try {
      return operation.get();
    } catch (NoSuchKeyException e) {
      throw MledgerException.notFound("No artifact found at '" + path + "'.");
    } catch (NoSuchBucketException e) {
      throw new MledgerException(
          ErrorCode.IO_ERROR, "The artifact bucket of " + location + " does not exist.", e);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw MledgerException.notFound("No artifact found at '" + path + "'.");
      }
      if (e.statusCode() == 403) {
        throw new MledgerException(
            ErrorCode.PERMISSION_DENIED,
            "Access to " + location + " was denied: " + errorMessage(e),
            e);
      }
      if (e.statusCode() == 503) {
        throw new MledgerException(
            ErrorCode.TEMPORARILY_UNAVAILABLE,
            "S3 is unavailable for " + location + ": " + errorMessage(e),
            e);
      }
      throw new MledgerException(
          ErrorCode.IO_ERROR,
          "S3 request for '" + path + "' in " + location + " failed: " + errorMessage(e),
          e);
    } catch (SdkClientException e) {
      if (String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
        throw new MledgerException(
            ErrorCode.PERMISSION_DENIED,
            "No AWS credentials for "
                + location
                + ": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or an AWS profile).",
            e);
      }
      throw new MledgerException(
          ErrorCode.TEMPORARILY_UNAVAILABLE,
          "Cannot reach the S3 service of " + location + ": " + e.getMessage(),
          e);
    }
  }

  private static String errorMessage(S3Exception e) {
    return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
        ? e.awsErrorDetails().errorMessage()
        : "HTTP " + e.statusCode();
  }

  private static String firstSet(Map<String, String> env, String fallback, String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return fallback;
  }
}
