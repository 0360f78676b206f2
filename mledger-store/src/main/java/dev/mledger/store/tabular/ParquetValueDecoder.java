package dev.mledger.store.tabular;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;

/**
 * Turns the current value of a flat Parquet column into a table cell, by physical and logical type.
 *
 * <p>Numeric: BOOLEAN (0/1), signed and unsigned integers, FLOAT, DOUBLE, DECIMAL (scaled), DATE
 * (days since 1970-01-01), TIME (seconds since midnight) and TIMESTAMP/INT96 (seconds since
 * 1970-01-01T00:00:00Z whatever the stored unit, so files written in milliseconds and in
 * nanoseconds compare equal). Categorical: strings (UTF8, ENUM, JSON), UUIDs, other byte arrays
 * (UTF-8 text when valid, else {@code 0x}-prefixed hex).
 *
 * @param kind how the stored value is interpreted
 * @param scale the decimal scale of a DECIMAL column (0 otherwise)
 */
record ParquetValueDecoder(Kind kind, int scale) {
  private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
  private static final long SECONDS_PER_DAY = 86_400L;
  private static final double TWO_TO_64 = 0x1p64;
  // Below 2^53 an unscaled decimal is exact as a double, so one correctly rounded division by an
  // exact power of ten gives the same double as parsing the decimal text (as the CSV reader does).
  private static final long EXACT_LIMIT = 1L << 53;
  private static final int EXACT_POWERS_OF_TEN = 22;

  /** Interpretation of a stored value. */
  enum Kind {
    BOOLEAN,
    INT32,
    UINT32,
    INT64,
    UINT64,
    FLOAT,
    DOUBLE,
    DECIMAL_INT32,
    DECIMAL_INT64,
    DECIMAL_BYTES,
    DATE,
    TIME_MILLIS,
    TIME_MICROS,
    TIME_NANOS,
    TIMESTAMP_MILLIS,
    TIMESTAMP_MICROS,
    TIMESTAMP_NANOS,
    TIMESTAMP_INT96,
    STRING,
    UUID,
    BYTES;

    ColumnType naturalType() {
      return switch (this) {
        case STRING, UUID, BYTES -> ColumnType.CATEGORICAL;
        default -> ColumnType.NUMERIC;
      };
    }
  }

  static ParquetValueDecoder of(Kind kind) {
    return new ParquetValueDecoder(kind, 0);
  }

  /** The column type this value maps to unless a type is forced. */
  ColumnType naturalType() {
    return kind.naturalType();
  }

  /** Appends the reader's current (present) value to {@code builder}. */
  void append(ColumnReader reader, ColumnBuilder builder) {
    if (builder instanceof ColumnBuilder.Numeric numeric
        && kind.naturalType() == ColumnType.NUMERIC) {
      numeric.addNumber(number(reader));
    } else {
      builder.addText(text(reader));
    }
  }

  private double number(ColumnReader r) {
    return switch (kind) {
      case BOOLEAN -> r.getBoolean() ? 1 : 0;
      case INT32, DATE -> r.getInteger();
      case UINT32 -> Integer.toUnsignedLong(r.getInteger());
      case INT64 -> r.getLong();
      case UINT64 -> unsigned(r.getLong());
      case FLOAT -> r.getFloat();
      case DOUBLE -> r.getDouble();
      case DECIMAL_INT32 -> decimal(r.getInteger());
      case DECIMAL_INT64 -> decimal(r.getLong());
      case DECIMAL_BYTES -> unscaled(r.getBinary()).doubleValue();
      case TIME_MILLIS -> r.getInteger() / 1e3;
      case TIME_MICROS -> seconds(r.getLong(), 1_000_000L);
      case TIME_NANOS -> seconds(r.getLong(), 1_000_000_000L);
      case TIMESTAMP_MILLIS -> seconds(r.getLong(), 1_000L);
      case TIMESTAMP_MICROS -> seconds(r.getLong(), 1_000_000L);
      case TIMESTAMP_NANOS -> seconds(r.getLong(), 1_000_000_000L);
      case TIMESTAMP_INT96 -> int96Seconds(r.getBinary());
      case STRING, UUID, BYTES -> throw new IllegalStateException(kind + " is not numeric");
    };
  }

  /** The value as text: what a categorical column stores, or what a forced numeric one parses. */
  private String text(ColumnReader r) {
    return switch (kind) {
      case BOOLEAN -> Boolean.toString(r.getBoolean());
      case INT32 -> Integer.toString(r.getInteger());
      case UINT32 -> Integer.toUnsignedString(r.getInteger());
      case INT64 -> Long.toString(r.getLong());
      case UINT64 -> Long.toUnsignedString(r.getLong());
      case FLOAT -> Float.toString(r.getFloat());
      case DOUBLE -> Double.toString(r.getDouble());
      case DECIMAL_INT32 -> BigDecimal.valueOf(r.getInteger(), scale).toPlainString();
      case DECIMAL_INT64 -> BigDecimal.valueOf(r.getLong(), scale).toPlainString();
      case DECIMAL_BYTES -> unscaled(r.getBinary()).toPlainString();
      case DATE -> LocalDate.ofEpochDay(r.getInteger()).toString();
      case TIMESTAMP_MILLIS -> Instant.ofEpochMilli(r.getLong()).toString();
      case TIMESTAMP_MICROS -> instant(r.getLong(), 1_000_000L).toString();
      case TIMESTAMP_NANOS -> instant(r.getLong(), 1_000_000_000L).toString();
      case TIME_MILLIS, TIME_MICROS, TIME_NANOS, TIMESTAMP_INT96 -> Double.toString(number(r));
      case STRING -> r.getBinary().toStringUsingUTF8();
      case UUID -> uuid(r.getBinary());
      case BYTES -> bytes(r.getBinary());
    };
  }

  private double decimal(long unscaled) {
    if (Math.abs(unscaled) < EXACT_LIMIT && scale >= 0 && scale <= EXACT_POWERS_OF_TEN) {
      return unscaled / Math.pow(10, scale);
    }
    return BigDecimal.valueOf(unscaled, scale).doubleValue();
  }

  private BigDecimal unscaled(Binary value) {
    byte[] bytes = value.getBytes();
    return bytes.length == 0
        ? BigDecimal.ZERO.setScale(scale)
        : new BigDecimal(new BigInteger(bytes), scale);
  }

  private static double unsigned(long value) {
    return value >= 0 ? value : value + TWO_TO_64;
  }

  /**
   * One correctly rounded division while the count is exact as a double; beyond 2^53 (nanoseconds
   * since the epoch) whole seconds and the fraction separately, since dividing the rounded count
   * would turn 0.25 s into 0.2499999.
   */
  private static double seconds(long value, long perSecond) {
    if (Math.abs(value) < EXACT_LIMIT) {
      return value / (double) perSecond;
    }
    return Math.floorDiv(value, perSecond) + (double) Math.floorMod(value, perSecond) / perSecond;
  }

  private static Instant instant(long value, long perSecond) {
    return Instant.ofEpochSecond(
        Math.floorDiv(value, perSecond),
        Math.floorMod(value, perSecond) * (1_000_000_000L / perSecond));
  }

  /** INT96 (Impala/Spark legacy): 8 bytes of nanoseconds in the day, 4 bytes of Julian day. */
  private static double int96Seconds(Binary value) {
    ByteBuffer buffer = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = buffer.getLong(buffer.position());
    long julianDay = Integer.toUnsignedLong(buffer.getInt(buffer.position() + 8));
    return (julianDay - JULIAN_DAY_OF_EPOCH) * SECONDS_PER_DAY + nanosOfDay / 1e9;
  }

  private static String uuid(Binary value) {
    ByteBuffer buffer = value.toByteBuffer();
    int at = buffer.position();
    return new UUID(buffer.getLong(at), buffer.getLong(at + 8)).toString();
  }

  private static String bytes(Binary value) {
    byte[] raw = value.getBytes();
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      return "0x" + HexFormat.of().formatHex(raw);
    }
  }
}
