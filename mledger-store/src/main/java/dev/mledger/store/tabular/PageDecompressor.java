package dev.mledger.store.tabular;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.format.CompressionCodec;

/**
 * Decompresses Parquet page bodies: UNCOMPRESSED, SNAPPY, GZIP, ZSTD and LZ4_RAW, in pure Java
 * (aircompressor, {@code java.util.zip}) so the distribution carries no native libraries.
 */
final class PageDecompressor {
  private final CompressionCodec codec;

  private PageDecompressor(CompressionCodec codec) {
    this.codec = codec;
  }

  /**
   * The decompressor for {@code codec}; {@link UnsupportedOperationException} naming the codec for
   * LZO, BROTLI and the deprecated Hadoop-framed LZ4.
   */
  static PageDecompressor forCodec(CompressionCodec codec) {
    return switch (codec) {
      case UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW -> new PageDecompressor(codec);
      default ->
          throw new UnsupportedOperationException(
              "compression codec "
                  + codec
                  + " is not supported (supported: UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW)");
    };
  }

  /**
   * Decompresses {@code input} into exactly {@code size} bytes; {@link IOException} when the data
   * is corrupt or its size differs from the page header's.
   */
  byte[] decompress(byte[] input, int size) throws IOException {
    if (size == 0) {
      // Writers emit empty value sections (all-null V2 pages) without compressing anything.
      return new byte[0];
    }
    byte[] output =
        switch (codec) {
          case UNCOMPRESSED -> input;
          case GZIP -> gunzip(input, size);
          case SNAPPY -> block(new SnappyDecompressor(), input, size);
          case ZSTD -> block(new ZstdDecompressor(), input, size);
          case LZ4_RAW -> block(new Lz4Decompressor(), input, size);
          default -> throw new IllegalStateException("unsupported codec " + codec);
        };
    if (output.length != size) {
      throw new IOException(
          codec + " page decompressed to " + output.length + " bytes, header says " + size);
    }
    return output;
  }

  private static byte[] gunzip(byte[] input, int size) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(input))) {
      byte[] out = in.readNBytes(size);
      if (in.read() >= 0) {
        throw new IOException("GZIP page is longer than its header says (" + size + " bytes)");
      }
      return out;
    }
  }

  private static byte[] block(Decompressor decompressor, byte[] input, int size)
      throws IOException {
    byte[] out = new byte[size];
    int written;
    try {
      written = decompressor.decompress(input, 0, input.length, out, 0, size);
    } catch (RuntimeException e) {
      // aircompressor reports corrupt input as MalformedInputException or index errors.
      throw new IOException("corrupt compressed page (" + e.getMessage() + ")", e);
    }
    if (written != size) {
      throw new IOException("page decompressed to " + written + " bytes, header says " + size);
    }
    return out;
  }
}
