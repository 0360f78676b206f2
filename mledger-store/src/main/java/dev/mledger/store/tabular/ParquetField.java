package dev.mledger.store.tabular;

import org.apache.parquet.column.ColumnDescriptor;

/**
 * A top-level field of a Parquet schema.
 *
 * @param name the field name (the table column name)
 * @param firstLeaf index of its first leaf column, which is its column-chunk index in a row group
 * @param leaves how many leaf columns it spans (1 for a flat field)
 * @param descriptor the decoder's view of a flat field; null for a nested or repeated one
 * @param decoder how its values become cells; null for a nested or repeated one
 * @param nesting why it is not flat (for example {@code "group (LIST)"}); null when flat
 * @param declaredType the schema's type of a flat field: physical type, with the logical annotation
 *     in parentheses when there is one (e.g. {@code INT32 (DATE)}); null when nested
 */
record ParquetField(
    String name,
    int firstLeaf,
    int leaves,
    ColumnDescriptor descriptor,
    ParquetValueDecoder decoder,
    String nesting,
    String declaredType) {

  static ParquetField flat(
      String name,
      int leaf,
      ColumnDescriptor descriptor,
      ParquetValueDecoder decoder,
      String declaredType) {
    return new ParquetField(name, leaf, 1, descriptor, decoder, null, declaredType);
  }

  static ParquetField nested(String name, int firstLeaf, int leaves, String nesting) {
    return new ParquetField(name, firstLeaf, leaves, null, null, nesting, null);
  }

  boolean isFlat() {
    return nesting == null;
  }

  /** The one definition level at which a flat field's value is present. */
  int maxDefinitionLevel() {
    return descriptor.getMaxDefinitionLevel();
  }
}
