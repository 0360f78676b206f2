package dev.mledger.core.search;

/**
 * What a search key refers to: {@code metrics.x}, {@code params.x}, {@code tags.x}, an attribute, a
 * dataset field.
 */
public enum EntityType {
  METRIC,
  PARAM,
  TAG,
  ATTRIBUTE,
  DATASET
}
