package dev.mledger.store.tabular;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads CSV ({@code .csv}, comma) and TSV ({@code .tsv}, {@code .tab}, tab) files with a header
 * row, and flat Parquet files, into a {@link Table}. Parquet is recognised by its extension ({@code
 * .parquet}, {@code .parq}, {@code .pq}) or by its leading magic bytes {@code PAR1}; its column
 * types come from the schema (DATE as days and TIMESTAMP as seconds since the epoch, both numeric;
 * strings categorical). Other files are read as CSV.
 *
 * <p>CSV type inference: a column is numeric when at least 90% of its non-missing cells in the
 * first {@link ReadOptions#inferenceRows()} rows parse as finite decimal numbers (a column with no
 * values there is numeric); otherwise categorical. Later cells that do not parse in a numeric
 * column are counted as invalid, with examples, and read as NaN.
 */
public final class TableReader {
  /** Share of parseable non-missing cells from which a column is numeric. */
  public static final double NUMERIC_SHARE = 0.9;

  private TableReader() {}

  /** Reads {@code file}; see the class comment for formats and type inference. */
  public static Table read(Path file, ReadOptions options) {
    String lower =
        file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (Files.isDirectory(file)) {
      throw MledgerException.invalidParameter(file + " is a directory, not a table file");
    }
    if (isParquetName(lower) || ParquetTableReader.hasMagic(file)) {
      return ParquetTableReader.read(file, options);
    }
    char delimiter = lower.endsWith(".tsv") || lower.endsWith(".tab") ? '\t' : ',';
    try (InputStream raw = Files.newInputStream(file)) {
      return read(raw, delimiter, file, options);
    } catch (NoSuchFileException e) {
      throw MledgerException.notFound("file not found: " + file);
    } catch (CharacterCodingException e) {
      throw MledgerException.invalidParameter(file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new MledgerException(
          ErrorCode.IO_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code fileName} has a table extension this reader knows (CSV, TSV or Parquet). */
  public static boolean isTableFileName(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".csv")
        || lower.endsWith(".tsv")
        || lower.endsWith(".tab")
        || isParquetName(lower);
  }

  private static boolean isParquetName(String lower) {
    return lower.endsWith(".parquet") || lower.endsWith(".parq") || lower.endsWith(".pq");
  }

  private static Table read(InputStream raw, char delimiter, Path file, ReadOptions options)
      throws IOException {
    PushbackInputStream in = new PushbackInputStream(raw, 3);
    skipByteOrderMark(in);
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (CsvRecordReader reader =
        new CsvRecordReader(new InputStreamReader(in, decoder), delimiter, file.toString())) {
      if (!reader.next()) {
        throw MledgerException.invalidParameter(file + " is empty: expected a header row");
      }
      List<String> header = header(reader, file);
      int[] selected = select(header, options.columns(), file);
      List<String[]> sample = new ArrayList<>();
      while (sample.size() < options.inferenceRows() && reader.next()) {
        checkWidth(reader, header.size(), file);
        String[] row = new String[selected.length];
        for (int k = 0; k < selected.length; k++) {
          row[k] = reader.text(selected[k]);
        }
        sample.add(row);
      }
      ColumnBuilder[] builders = new ColumnBuilder[selected.length];
      for (int k = 0; k < selected.length; k++) {
        String name = header.get(selected[k]);
        ColumnType type = options.types().get(name);
        if (type == null) {
          type = infer(sample, k);
        }
        builders[k] =
            type == ColumnType.NUMERIC
                ? new ColumnBuilder.Numeric(name)
                : new ColumnBuilder.Categorical(name);
      }
      replay(sample, builders);
      while (reader.next()) {
        checkWidth(reader, header.size(), file);
        char[] buf = reader.buffer();
        for (int k = 0; k < selected.length; k++) {
          int f = selected[k];
          builders[k].add(buf, reader.start(f), reader.end(f), reader.escaped(f));
        }
      }
      List<TableColumn> columns = new ArrayList<>(builders.length);
      for (ColumnBuilder b : builders) {
        columns.add(b.build());
      }
      int rows = columns.isEmpty() ? 0 : columns.get(0).rows();
      return new Table(file, rows, columns);
    }
  }

  private static void skipByteOrderMark(PushbackInputStream in) throws IOException {
    byte[] head = in.readNBytes(3);
    boolean bom =
        head.length == 3
            && (head[0] & 0xFF) == 0xEF
            && (head[1] & 0xFF) == 0xBB
            && (head[2] & 0xFF) == 0xBF;
    if (!bom && head.length > 0) {
      in.unread(head);
    }
  }

  private static List<String> header(CsvRecordReader reader, Path file) {
    List<String> names = new ArrayList<>(reader.fieldCount());
    Set<String> seen = new HashSet<>();
    for (int f = 0; f < reader.fieldCount(); f++) {
      String name = reader.text(f).trim();
      if (name.isEmpty()) {
        name = "column_" + (f + 1);
      }
      if (!seen.add(name)) {
        throw MledgerException.invalidParameter(
            file + ": column '" + name + "' appears twice in the header");
      }
      names.add(name);
    }
    return names;
  }

  private static int[] select(List<String> header, List<String> wanted, Path file) {
    if (wanted.isEmpty()) {
      int[] all = new int[header.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return all;
    }
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      positions.put(header.get(i), i);
    }
    int[] out = new int[wanted.size()];
    for (int k = 0; k < out.length; k++) {
      Integer position = positions.get(wanted.get(k));
      if (position == null) {
        throw MledgerException.notFound(
            "column '" + wanted.get(k) + "' not found in " + file + " (columns: " + header + ")");
      }
      out[k] = position;
    }
    return out;
  }

  private static void checkWidth(CsvRecordReader reader, int width, Path file) {
    if (reader.fieldCount() != width) {
      throw MledgerException.invalidParameter(
          file
              + ": line "
              + reader.line()
              + " has "
              + reader.fieldCount()
              + " fields but the header has "
              + width);
    }
  }

  private static ColumnType infer(List<String[]> sample, int k) {
    long present = 0;
    long numeric = 0;
    for (String[] row : sample) {
      char[] chars = row[k].toCharArray();
      if (ColumnBuilder.isMissing(chars, 0, chars.length)) {
        continue;
      }
      present++;
      if (Double.isFinite(NumberParser.parse(chars, 0, chars.length))) {
        numeric++;
      }
    }
    return present == 0 || numeric >= NUMERIC_SHARE * present
        ? ColumnType.NUMERIC
        : ColumnType.CATEGORICAL;
  }

  /** Feeds the buffered inference rows (already unescaped) to the builders. */
  private static void replay(List<String[]> sample, ColumnBuilder[] builders) {
    for (String[] row : sample) {
      for (int k = 0; k < builders.length; k++) {
        char[] chars = row[k].toCharArray();
        builders[k].add(chars, 0, chars.length, false);
      }
    }
  }
}
