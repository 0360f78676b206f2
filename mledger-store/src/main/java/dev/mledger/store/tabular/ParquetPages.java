package dev.mledger.store.tabular;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;

/**
 * The pages of one column chunk, read from the stream one page at a time as the column decoder asks
 * for them, so memory holds a single page rather than the chunk.
 */
final class ParquetPages implements PageReader {
  private final InputStream in;
  private final long totalValues;
  private final long chunkUncompressedSize;
  private final PageDecompressor decompressor;
  private final Statistics<?> noStatistics;
  private final DictionaryPage dictionary;
  private PageHeader pending;
  private long valuesRead;

  /**
   * @param in the chunk's bytes, starting at its first page (the dictionary page if any)
   * @param totalValues the chunk's value count from the footer
   * @param chunkUncompressedSize the chunk's uncompressed size from the footer: no page can be
   *     larger, which stops a corrupt page header from allocating gigabytes
   */
  ParquetPages(
      InputStream in,
      long totalValues,
      long chunkUncompressedSize,
      PageDecompressor decompressor,
      ColumnDescriptor column)
      throws IOException {
    this.in = in;
    this.totalValues = totalValues;
    this.chunkUncompressedSize = chunkUncompressedSize;
    this.decompressor = decompressor;
    this.noStatistics = Statistics.getBuilderForReading(column.getPrimitiveType()).build();
    PageHeader first = totalValues > 0 ? Util.readPageHeader(in) : null;
    if (first != null && first.isSetDictionary_page_header()) {
      dictionary = dictionaryPage(first);
    } else {
      dictionary = null;
      pending = first;
    }
  }

  @Override
  public DictionaryPage readDictionaryPage() {
    return dictionary;
  }

  @Override
  public long getTotalValueCount() {
    return totalValues;
  }

  @Override
  public DataPage readPage() {
    try {
      while (valuesRead < totalValues) {
        PageHeader header = pending != null ? pending : Util.readPageHeader(in);
        pending = null;
        if (header.isSetData_page_header()) {
          DataPage page = dataPageV1(header);
          valuesRead += page.getValueCount();
          return page;
        }
        if (header.isSetData_page_header_v2()) {
          DataPage page = dataPageV2(header);
          valuesRead += page.getValueCount();
          return page;
        }
        if (header.isSetDictionary_page_header()) {
          throw new IOException("a second dictionary page in one column chunk");
        }
        // Index pages and unknown page types carry no values: skip their bodies.
        in.skipNBytes(header.getCompressed_page_size());
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private DictionaryPage dictionaryPage(PageHeader header) throws IOException {
    DictionaryPageHeader dict = header.getDictionary_page_header();
    byte[] bytes = body(header);
    // PLAIN and PLAIN_DICTIONARY both mean "plain-encoded values" in a dictionary page.
    Encoding encoding =
        dict.getEncoding() == org.apache.parquet.format.Encoding.PLAIN
            ? Encoding.PLAIN_DICTIONARY
            : encoding(dict.getEncoding());
    return new DictionaryPage(
        BytesInput.from(bytes), header.getUncompressed_page_size(), dict.getNum_values(), encoding);
  }

  private DataPage dataPageV1(PageHeader header) throws IOException {
    DataPageHeader data = header.getData_page_header();
    byte[] bytes = body(header);
    return new DataPageV1(
        BytesInput.from(bytes),
        data.getNum_values(),
        header.getUncompressed_page_size(),
        noStatistics,
        encoding(data.getRepetition_level_encoding()),
        encoding(data.getDefinition_level_encoding()),
        encoding(data.getEncoding()));
  }

  /** V2 pages keep their levels uncompressed in front of the (possibly compressed) values. */
  private DataPage dataPageV2(PageHeader header) throws IOException {
    DataPageHeaderV2 data = header.getData_page_header_v2();
    int repetitionLength = data.getRepetition_levels_byte_length();
    int definitionLength = data.getDefinition_levels_byte_length();
    int compressed = header.getCompressed_page_size();
    int valuesLength = compressed - repetitionLength - definitionLength;
    int uncompressedValues = checkedSize(header) - repetitionLength - definitionLength;
    if (repetitionLength < 0
        || definitionLength < 0
        || valuesLength < 0
        || uncompressedValues < 0) {
      throw new IOException("inconsistent sizes in a data page header");
    }
    byte[] repetition = in.readNBytes(repetitionLength);
    byte[] definition = in.readNBytes(definitionLength);
    byte[] values = readFully(valuesLength);
    if (repetition.length != repetitionLength || definition.length != definitionLength) {
      throw new IOException("the column chunk ends inside a page");
    }
    boolean isCompressed = !data.isSetIs_compressed() || data.isIs_compressed();
    if (isCompressed) {
      values = decompressor.decompress(values, uncompressedValues);
    } else if (values.length != uncompressedValues) {
      throw new IOException("inconsistent sizes in an uncompressed data page");
    }
    return DataPageV2.uncompressed(
        data.getNum_rows(),
        data.getNum_nulls(),
        data.getNum_values(),
        BytesInput.from(repetition),
        BytesInput.from(definition),
        encoding(data.getEncoding()),
        BytesInput.from(values),
        noStatistics);
  }

  private byte[] body(PageHeader header) throws IOException {
    int size = checkedSize(header);
    return decompressor.decompress(readFully(header.getCompressed_page_size()), size);
  }

  private int checkedSize(PageHeader header) throws IOException {
    int size = header.getUncompressed_page_size();
    if (size < 0 || size > chunkUncompressedSize) {
      throw new IOException(
          "a page claims "
              + size
              + " uncompressed bytes in a column chunk of "
              + chunkUncompressedSize);
    }
    return size;
  }

  private byte[] readFully(int length) throws IOException {
    if (length < 0) {
      throw new IOException("negative page size " + length);
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new IOException("the column chunk ends inside a page");
    }
    return bytes;
  }

  private static Encoding encoding(org.apache.parquet.format.Encoding encoding) throws IOException {
    if (encoding == null) {
      throw new IOException("a page header without encoding");
    }
    return Encoding.valueOf(encoding.name());
  }
}
