/**
 * Reproducibility envelope capture: git, JVM/OS/CPU/memory/GPU, class-path dependency lock, seed
 * and dataset inputs ({@link dev.mledger.client.envelope.EnvelopeCapture}); automatic capture for
 * every tracked run ({@link dev.mledger.client.envelope.EnvelopeCaptureListener}); and the client
 * of the server's envelope API ({@link dev.mledger.client.envelope.EnvelopeApiClient}).
 */
package dev.mledger.client.envelope;
