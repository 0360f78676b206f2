package dev.mledger.core.registry;

/** What a {@link StageTransition} history entry changed. */
public sealed interface RegistryChange {

  /** A version moved from one stage to another. */
  record StageChange(Stage from, Stage to) implements RegistryChange {}

  /**
   * An alias was set, moved or removed.
   *
   * @param previousVersion the version the alias pointed at before; null when it is new
   * @param newVersion the version it points at now; null when it was deleted
   */
  record AliasChange(String alias, String previousVersion, String newVersion)
      implements RegistryChange {}
}
