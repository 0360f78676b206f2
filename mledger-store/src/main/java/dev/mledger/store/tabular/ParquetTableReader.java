package dev.mledger.store.tabular;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.VersionParser;
import org.apache.parquet.VersionParser.ParsedVersion;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.io.api.PrimitiveConverter;

/**
 * Reads flat Parquet files into a {@link Table}, without Hadoop: the footer and page headers are
 * parsed here and pages are decoded by parquet-column (every standard encoding: plain, dictionary,
 * RLE, delta, byte-stream-split; data pages v1 and v2).
 *
 * <p>Row groups are streamed one column chunk and one page at a time, and only the selected columns
 * are read. Types come from the schema (see {@link ParquetValueDecoder}); a forced type converts
 * (numbers to their text, text parsed as numbers). Nulls and NaN are missing values. Nested and
 * repeated fields cannot become one cell per row and are refused by name when selected.
 */
final class ParquetTableReader {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENCRYPTED_MAGIC = "PARE".getBytes(StandardCharsets.US_ASCII);
  private static final int TRAILER = 8;
  private static final int PAGE_BUFFER = 1 << 16;

  // Values are read with the typed getters; the converter is never called.
  private static final PrimitiveConverter NO_CONVERTER = new PrimitiveConverter() {};

  private ParquetTableReader() {}

  /** Whether the file starts with the Parquet magic {@code PAR1}. */
  static boolean hasMagic(Path file) {
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      return java.util.Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
    } catch (IOException e) {
      // Unreadable files are reported by the reader that opens them next.
      return false;
    }
  }

  static Table read(Path file, ReadOptions options) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(channel, file, options);
    } catch (NoSuchFileException e) {
      throw MledgerException.notFound("file not found: " + file);
    } catch (AccessDeniedException e) {
      throw new MledgerException(
          ErrorCode.IO_ERROR, "cannot read " + file + ": permission denied", e);
    } catch (MledgerException e) {
      throw e;
    } catch (UncheckedIOException e) {
      throw corrupt(file, e.getCause());
    } catch (IOException | RuntimeException e) {
      // parquet-column and the Thrift decoder signal corrupt input with assorted exceptions.
      throw corrupt(file, e);
    }
  }

  private static Table read(FileChannel channel, Path file, ReadOptions options)
      throws IOException {
    FileMetaData footer = footer(channel, file);
    List<ParquetField> fields;
    try {
      fields = ParquetSchema.fields(footer.getSchema());
    } catch (IllegalArgumentException e) {
      throw corrupt(file, e);
    }
    List<ParquetField> selected = select(fields, options.columns(), file);
    if (footer.getNum_rows() > Integer.MAX_VALUE) {
      throw MledgerException.invalidParameter(
          file + " has " + footer.getNum_rows() + " rows, more than one table can hold");
    }
    ColumnBuilder[] builders = new ColumnBuilder[selected.size()];
    for (int k = 0; k < builders.length; k++) {
      ParquetField field = selected.get(k);
      ColumnType type = options.types().getOrDefault(field.name(), field.decoder().naturalType());
      builders[k] =
          type == ColumnType.NUMERIC
              ? new ColumnBuilder.Numeric(field.name())
              : new ColumnBuilder.Categorical(field.name());
    }
    ParsedVersion writer = writerVersion(footer);
    int leaves = fields.isEmpty() ? 0 : last(fields).firstLeaf() + last(fields).leaves();
    List<RowGroup> groups = footer.isSetRow_groups() ? footer.getRow_groups() : List.of();
    long rows = 0;
    for (int g = 0; g < groups.size(); g++) {
      RowGroup group = groups.get(g);
      if (group.getColumnsSize() != leaves) {
        throw corrupt(
            file,
            "row group " + g + " has " + group.getColumnsSize() + " columns, schema has " + leaves);
      }
      for (int k = 0; k < builders.length; k++) {
        ParquetField field = selected.get(k);
        readChunk(channel, file, group, g, field, builders[k], writer);
      }
      rows += group.getNum_rows();
    }
    if (rows != footer.getNum_rows()) {
      throw corrupt(file, "row groups hold " + rows + " rows, footer says " + footer.getNum_rows());
    }
    List<TableColumn> columns = new ArrayList<>(builders.length);
    Map<String, String> declared = new HashMap<>();
    for (int k = 0; k < builders.length; k++) {
      columns.add(builders[k].build());
      declared.put(selected.get(k).name(), selected.get(k).declaredType());
    }
    return new Table(file, (int) rows, columns, "parquet", declared);
  }

  private static ParquetField last(List<ParquetField> fields) {
    return fields.get(fields.size() - 1);
  }

  /** Reads the trailer (footer length and magic) and the Thrift footer it points to. */
  private static FileMetaData footer(FileChannel channel, Path file) throws IOException {
    long size = channel.size();
    if (size < MAGIC.length + TRAILER) {
      throw notParquet(file, "only " + size + " bytes");
    }
    ByteBuffer head = read(channel, 0, MAGIC.length);
    ByteBuffer trailer = read(channel, size - TRAILER, TRAILER).order(ByteOrder.LITTLE_ENDIAN);
    byte[] tail = new byte[MAGIC.length];
    trailer.get(TRAILER - MAGIC.length, tail);
    if (java.util.Arrays.equals(tail, ENCRYPTED_MAGIC)) {
      throw MledgerException.invalidParameter(
          file + " is an encrypted Parquet file; encrypted footers cannot be read");
    }
    if (!java.util.Arrays.equals(head.array(), MAGIC) || !java.util.Arrays.equals(tail, MAGIC)) {
      throw notParquet(file, "no PAR1 magic at its start and end; truncated or another format");
    }
    long footerLength = Integer.toUnsignedLong(trailer.getInt(0));
    if (footerLength > size - MAGIC.length - TRAILER) {
      throw corrupt(file, "footer length " + footerLength + " exceeds the file size " + size);
    }
    ByteBuffer bytes = read(channel, size - TRAILER - footerLength, (int) footerLength);
    return Util.readFileMetaData(new ByteArrayInputStream(bytes.array()));
  }

  private static ByteBuffer read(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("unexpected end of file");
      }
    }
    return buffer.flip();
  }

  private static List<ParquetField> select(
      List<ParquetField> fields, List<String> wanted, Path file) {
    Map<String, ParquetField> byName = new HashMap<>();
    for (ParquetField field : fields) {
      if (byName.put(field.name(), field) != null) {
        throw MledgerException.invalidParameter(
            file + ": column '" + field.name() + "' appears twice in the Parquet schema");
      }
    }
    List<ParquetField> out = new ArrayList<>();
    if (wanted.isEmpty()) {
      out.addAll(fields);
    } else {
      for (String name : wanted) {
        ParquetField field = byName.get(name);
        if (field == null) {
          throw MledgerException.notFound(
              "column '"
                  + name
                  + "' not found in "
                  + file
                  + " (columns: "
                  + fields.stream().map(ParquetField::name).toList()
                  + ")");
        }
        out.add(field);
      }
    }
    for (ParquetField field : out) {
      if (!field.isFlat()) {
        throw MledgerException.invalidParameter(
            file
                + ": column '"
                + field.name()
                + "' is a nested Parquet field ("
                + field.nesting()
                + "); only flat columns with one value per row can be read, so select the"
                + " other columns");
      }
    }
    return out;
  }

  private static void readChunk(
      FileChannel channel,
      Path file,
      RowGroup group,
      int groupIndex,
      ParquetField field,
      ColumnBuilder builder,
      ParsedVersion writer)
      throws IOException {
    ColumnChunk chunk = group.getColumns().get(field.firstLeaf());
    String where = "column '" + field.name() + "' in row group " + groupIndex;
    if (chunk.isSetFile_path()) {
      throw MledgerException.invalidParameter(
          file + ": " + where + " is stored in another file (" + chunk.getFile_path() + ")");
    }
    if (!chunk.isSetMeta_data()) {
      throw corrupt(file, where + " has no metadata");
    }
    ColumnMetaData meta = chunk.getMeta_data();
    if (!meta.getPath_in_schema().equals(List.of(field.name()))) {
      throw corrupt(file, where + " is stored as " + meta.getPath_in_schema());
    }
    PageDecompressor decompressor;
    try {
      decompressor = PageDecompressor.forCodec(meta.getCodec());
    } catch (UnsupportedOperationException e) {
      throw MledgerException.invalidParameter(file + ": " + where + ": " + e.getMessage());
    }
    long start = meta.getData_page_offset();
    // Some writers record a dictionary offset of 0 when there is none.
    if (meta.isSetDictionary_page_offset()
        && meta.getDictionary_page_offset() > 0
        && meta.getDictionary_page_offset() < start) {
      start = meta.getDictionary_page_offset();
    }
    long length = meta.getTotal_compressed_size();
    if (start < MAGIC.length || length < 0 || start + length > channel.size() - TRAILER) {
      throw corrupt(file, where + " points outside the file");
    }
    InputStream in =
        new BufferedInputStream(
            new Bounded(Channels.newInputStream(channel.position(start)), length), PAGE_BUFFER);
    ParquetPages pages =
        new ParquetPages(
            in,
            meta.getNum_values(),
            meta.getTotal_uncompressed_size(),
            decompressor,
            field.descriptor());
    ColumnReader reader = new ColumnReaderImpl(field.descriptor(), pages, NO_CONVERTER, writer);
    long values = reader.getTotalValueCount();
    if (values != group.getNum_rows()) {
      throw corrupt(
          file, where + " has " + values + " values for " + group.getNum_rows() + " rows");
    }
    int present = field.maxDefinitionLevel();
    ParquetValueDecoder decoder = field.decoder();
    for (long i = 0; i < values; i++) {
      if (reader.getCurrentDefinitionLevel() == present) {
        decoder.append(reader, builder);
      } else {
        builder.addMissing();
      }
      reader.consume();
    }
  }

  private static ParsedVersion writerVersion(FileMetaData footer) {
    if (!footer.isSetCreated_by()) {
      return null;
    }
    try {
      // Lets the decoder apply its workarounds for known bugs of older writers.
      return VersionParser.parse(footer.getCreated_by());
    } catch (VersionParser.VersionParseException | RuntimeException e) {
      return null;
    }
  }

  private static MledgerException notParquet(Path file, String reason) {
    return MledgerException.invalidParameter(file + " is not a Parquet file (" + reason + ")");
  }

  private static MledgerException corrupt(Path file, String reason) {
    return MledgerException.invalidParameter(file + " is not a valid Parquet file: " + reason);
  }

  private static MledgerException corrupt(Path file, Throwable cause) {
    String message = cause.getMessage();
    String reason =
        message == null || message.isBlank()
            ? cause.getClass().getSimpleName()
            : message.lines().findFirst().orElse(message);
    return new MledgerException(
        ErrorCode.INVALID_PARAMETER_VALUE, file + " is not a valid Parquet file: " + reason, cause);
  }

  /** A view of the next {@code remaining} bytes, so a corrupt page cannot read past its chunk. */
  private static final class Bounded extends FilterInputStream {
    private long remaining;

    Bounded(InputStream in, long length) {
      super(in);
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(Math.min(n, remaining));
      remaining -= skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(super.available(), remaining);
    }

    @Override
    public void close() {
      // The channel belongs to the reader and serves every chunk.
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
