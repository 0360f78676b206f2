package dev.mledger.core.registry;

/**
 * Registration status of a model version. Versions are registered synchronously, so mledger only
 * ever creates {@link #READY} versions; the other values exist for wire compatibility.
 */
public enum ModelVersionStatus {
  PENDING_REGISTRATION,
  FAILED_REGISTRATION,
  READY
}
