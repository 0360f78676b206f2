/** Storage SPI of the hash-chained audit trail ({@link dev.mledger.store.audit.AuditLog}). */
package dev.mledger.store.audit;
