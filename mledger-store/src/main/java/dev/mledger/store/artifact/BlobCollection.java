package dev.mledger.store.artifact;

/**
 * What one garbage-collection pass over a {@link LocalContentStore} found and did.
 *
 * @param dryRun whether the pass only looked (nothing was removed)
 * @param scanned blobs looked at
 * @param scannedBytes their total size
 * @param recent blobs kept because they were written or re-put within the grace period
 * @param referenced older blobs kept because something references them
 * @param unreferenced older blobs nothing references: removed, or removable in a dry run
 * @param unreferencedBytes their total size
 * @param removed unreferenced blobs actually removed (0 in a dry run; fewer than {@code
 *     unreferenced} when a concurrent writer re-put one while it was being collected)
 * @param bytesFreed their total size
 * @param temporaryFiles abandoned temporary files older than the grace period (removed unless dry)
 * @param temporaryBytes their total size
 */
public record BlobCollection(
    boolean dryRun,
    long scanned,
    long scannedBytes,
    long recent,
    long referenced,
    long unreferenced,
    long unreferencedBytes,
    long removed,
    long bytesFreed,
    long temporaryFiles,
    long temporaryBytes) {}
