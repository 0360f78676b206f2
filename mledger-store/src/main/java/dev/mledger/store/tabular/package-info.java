/**
 * Reading tabular files (CSV, TSV, flat Parquet) into typed, column-oriented memory for drift
 * reports and dataset profiling.
 *
 * <p>Entry point: {@link dev.mledger.store.tabular.TableReader#read(java.nio.file.Path,
 * dev.mledger.store.tabular.ReadOptions)} returns a {@link dev.mledger.store.tabular.Table} of
 * {@link dev.mledger.store.tabular.NumericColumn}s (primitive {@code double[]}, NaN where missing
 * or invalid) and {@link dev.mledger.store.tabular.CategoricalColumn}s (dictionary-encoded). CSV
 * column types are inferred from the first rows unless forced (Parquet types come from the schema);
 * non-numeric junk in a numeric column is counted, with examples, rather than failing the read.
 * Errors are {@link dev.mledger.core.error.MledgerException}s with one clear line.
 */
package dev.mledger.store.tabular;
