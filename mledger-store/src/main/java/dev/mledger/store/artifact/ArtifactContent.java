package dev.mledger.store.artifact;

import java.io.InputStream;
import java.util.Objects;

/**
 * An opened artifact: what was stored and a verifying stream over exactly that version, so a server
 * can announce the length of the bytes it is about to send even while writers replace the file. The
 * caller closes {@link #stream()}.
 *
 * @param info the stored file's path, size and checksum
 * @param stream its bytes, checked as described in {@link ArtifactStore#open(String)}
 */
public record ArtifactContent(ArtifactInfo info, InputStream stream) implements AutoCloseable {
  public ArtifactContent {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(stream, "stream");
  }

  @Override
  public void close() throws java.io.IOException {
    stream.close();
  }
}
