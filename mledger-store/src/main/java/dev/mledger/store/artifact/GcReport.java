package dev.mledger.store.artifact;

/**
 * What one {@link ArtifactStore#gc(java.time.Duration)} pass removed.
 *
 * @param removed how many unreferenced blobs, abandoned temporary files or unfinished uploads went
 * @param bytesFreed their total size in bytes, as far as the backend reports it
 */
public record GcReport(long removed, long bytesFreed) {}
