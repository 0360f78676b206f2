package dev.mledger.core.registry;

/** A named, movable pointer ({@code champion}) from a registered model to one of its versions. */
public record RegisteredModelAlias(String alias, String version) {}
