package dev.mledger.store.artifact;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One entry of a directory listing, shaped like MLflow's {@code FileInfo} as the {@code
 * mlflow-artifacts} list endpoint returns it.
 *
 * @param path the entry's name relative to the listed directory (a single segment)
 * @param isDir whether the entry is a directory
 * @param fileSize the file's length in bytes; empty for directories
 */
public record FileInfo(String path, boolean isDir, OptionalLong fileSize) {
  public FileInfo {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(fileSize, "fileSize");
    if (isDir == fileSize.isPresent()) {
      throw new IllegalArgumentException("files have a size and directories have none");
    }
  }

  public static FileInfo file(String name, long size) {
    return new FileInfo(name, false, OptionalLong.of(size));
  }

  public static FileInfo directory(String name) {
    return new FileInfo(name, true, OptionalLong.empty());
  }
}
