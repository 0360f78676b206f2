/** Storage SPI for run reproducibility envelopes ({@link dev.mledger.core.envelope.Envelope}). */
package dev.mledger.store.envelope;
