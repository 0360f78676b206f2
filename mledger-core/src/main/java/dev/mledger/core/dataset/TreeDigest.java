package dev.mledger.core.dataset;

/**
 * The content address of a snapshot.
 *
 * @param hash lower-case hex SHA-256: the file's own hash for a single file, the root directory's
 *     Merkle hash for a directory
 * @param size total bytes of all files
 * @param files number of files
 */
public record TreeDigest(String hash, long size, long files) {}
