package dev.mledger.store.tabular;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Writes test fixtures with the reference Parquet writer (parquet-hadoop), never our own code. */
public final class ParquetFiles {
  private ParquetFiles() {}

  /** Writer settings; defaults: Snappy, writer v1, dictionary on, one large row group. */
  public record Settings(
      CompressionCodecName codec,
      WriterVersion version,
      boolean dictionary,
      long rowGroupBytes,
      int pageBytes) {
    public static Settings defaults() {
      return new Settings(
          CompressionCodecName.SNAPPY, WriterVersion.PARQUET_1_0, true, 128L << 20, 1 << 20);
    }

    Settings codec(CompressionCodecName value) {
      return new Settings(value, version, dictionary, rowGroupBytes, pageBytes);
    }

    Settings version(WriterVersion value) {
      return new Settings(codec, value, dictionary, rowGroupBytes, pageBytes);
    }

    Settings dictionary(boolean value) {
      return new Settings(codec, version, value, rowGroupBytes, pageBytes);
    }

    Settings small(long rowGroup, int page) {
      return new Settings(codec, version, dictionary, rowGroup, page);
    }
  }

  /**
   * Writes {@code rows} rows to {@code file}; {@code fill} sets the fields of row {@code i} (a
   * field left unset is null).
   */
  public static Path write(
      Path file, String schema, int rows, Settings settings, BiConsumer<Integer, Group> fill) {
    MessageType type = MessageTypeParser.parseMessageType(schema);
    SimpleGroupFactory groups = new SimpleGroupFactory(type);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withConf(new Configuration(false))
            .withType(type)
            .withCompressionCodec(settings.codec())
            .withWriterVersion(settings.version())
            .withDictionaryEncoding(settings.dictionary())
            .withRowGroupSize(settings.rowGroupBytes())
            .withPageSize(settings.pageBytes())
            .withPageRowCountLimit(Math.max(1, settings.pageBytes() / 8))
            .build()) {
      for (int i = 0; i < rows; i++) {
        Group group = groups.newGroup();
        fill.accept(i, group);
        writer.write(group);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Number of row groups in {@code file}, from the reference reader. */
  static int rowGroups(Path file) {
    try (var reader =
        org.apache.parquet.hadoop.ParquetFileReader.open(
            new org.apache.parquet.io.LocalInputFile(file))) {
      return reader.getRowGroups().size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The encodings the reference reader sees in the first row group's column {@code index}. */
  static List<String> encodings(Path file, int index) {
    try (var reader =
        org.apache.parquet.hadoop.ParquetFileReader.open(
            new org.apache.parquet.io.LocalInputFile(file))) {
      return reader.getRowGroups().get(0).getColumns().get(index).getEncodings().stream()
          .map(Enum::name)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
