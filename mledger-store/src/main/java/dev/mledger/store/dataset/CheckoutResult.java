package dev.mledger.store.dataset;

import java.nio.file.Path;

/**
 * What a checkout did.
 *
 * @param target the restored file or directory
 * @param written files written (missing or, with force, modified)
 * @param unchanged files already present with the right content
 * @param removed files not in the version that were removed (with force only)
 * @param bytesWritten bytes written
 */
public record CheckoutResult(
    Path target, long written, long unchanged, long removed, long bytesWritten) {}
