/**
 * Reproducibility envelopes: E(r) = {D_v, c, e, s, H}, the dataset versions, code version,
 * environment, seed and dependency lock of a run; their canonical JSON (RFC 8785), SHA-256
 * fingerprint and completeness predicate; the MLflow tags that mirror them; and the tolerances a
 * replay compares metrics with.
 *
 * <p>Everything here is pure: capturing an envelope from the running process (git, JVM, hardware,
 * class path) is the client SDK's job ({@code dev.mledger.client.envelope}).
 */
package dev.mledger.core.envelope;
