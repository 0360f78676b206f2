/**
 * The append-only, hash-chained audit trail: each {@link dev.mledger.core.audit.AuditEntry} carries
 * the SHA-256 of the previous one, over RFC 8785 canonical JSON, so that editing, deleting or
 * reordering any stored entry is detected by {@link dev.mledger.core.audit.ChainVerifier}.
 *
 * <p>What a chain alone cannot show is a truncated tail: removing the newest entries leaves a
 * shorter, valid chain. Verification therefore accepts an expected head hash (an anchor recorded
 * elsewhere, e.g. printed by {@code mledger audit verify} into a ticket or a release note).
 */
package dev.mledger.core.audit;
