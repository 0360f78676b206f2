/**
 * Data versioning: the pure model behind {@code mledger data}.
 *
 * <ul>
 *   <li>{@link dev.mledger.core.dataset.ManifestEntry} and {@link
 *       dev.mledger.core.dataset.TreeHasher}: the content address of a snapshot, a Merkle hash over
 *       per-file SHA-256 (rule documented on {@code TreeHasher} and in {@code docs/DATA.md}).
 *   <li>{@link dev.mledger.core.dataset.SemanticVersion} and {@link
 *       dev.mledger.core.dataset.VersionBump}: version labels and bump rules.
 *   <li>{@link dev.mledger.core.dataset.PointerFile}: the small {@code NAME.mledger} file that can
 *       live in git.
 *   <li>{@link dev.mledger.core.dataset.TabularProfile}: schema and per-column profile of a table.
 *   <li>{@link dev.mledger.core.dataset.DataContract} and {@link
 *       dev.mledger.core.dataset.ContractRule}: checks with pass/warn/block outcomes.
 * </ul>
 */
package dev.mledger.core.dataset;
