package dev.mledger.store.tabular;

import dev.mledger.core.error.MledgerException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Splits RFC 4180 text into records of fields without copying unquoted fields: callers read a field
 * as a range of {@link #buffer()} or materialise it with {@link #text(int)}. Quoted fields may
 * contain delimiters, line breaks and doubled quotes; {@code \n}, {@code \r\n} and {@code \r} end
 * records; blank lines are skipped (as pandas does).
 */
final class CsvRecordReader implements Closeable {
  private static final int INITIAL_BUFFER = 1 << 20;

  private final Reader in;
  private final char delimiter;
  private final String source;
  private char[] buf = new char[INITIAL_BUFFER];
  private int pos;
  private int limit;
  private boolean eof;
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private boolean[] escaped = new boolean[64];
  private int fieldCount;
  private long nextLine = 1;
  private long recordLine;
  // An empty quoted field ("") is a value, not a blank line.
  private boolean quotedEmpty;

  CsvRecordReader(Reader in, char delimiter, String source) {
    this.in = in;
    this.delimiter = delimiter;
    this.source = source;
  }

  /** Advances to the next non-blank record; false at end of input. */
  boolean next() throws IOException {
    while (true) {
      if (pos >= limit && !fill()) {
        return false;
      }
      int end = scanRecord();
      if (end < 0) {
        continue;
      }
      if (fieldCount == 1 && starts[0] == ends[0] && !escaped[0] && !quotedEmpty) {
        continue;
      }
      return true;
    }
  }

  /**
   * Scans one record from {@code pos}; returns its end, or -1 when more input was needed and loaded
   * (the caller rescans).
   */
  private int scanRecord() throws IOException {
    int i = pos;
    int fields = 0;
    long lines = 0;
    quotedEmpty = false;
    while (true) {
      if (i >= limit) {
        if (!eof) {
          needMore();
          return -1;
        }
        // Last record without a trailing newline.
        if (fields == 0 || i > pos) {
          addField(fields++, i, i, false);
        }
        return finish(fields, i, lines);
      }
      char c = buf[i];
      if (c == '"') {
        int fieldStart = i + 1;
        int j = fieldStart;
        boolean hasEscapes = false;
        while (true) {
          if (j >= limit) {
            if (!eof) {
              needMore();
              return -1;
            }
            throw MledgerException.invalidParameter(
                source + ": unterminated quoted field starting on line " + (nextLine + lines));
          }
          char q = buf[j];
          if (q == '"') {
            if (j + 1 >= limit && !eof) {
              needMore();
              return -1;
            }
            if (j + 1 < limit && buf[j + 1] == '"') {
              hasEscapes = true;
              j += 2;
              continue;
            }
            break;
          }
          if (q == '\n') {
            lines++;
          }
          j++;
        }
        addField(fields++, fieldStart, j, hasEscapes);
        if (j == fieldStart) {
          quotedEmpty = true;
        }
        i = j + 1;
        if (i >= limit && !eof) {
          needMore();
          return -1;
        }
        if (i >= limit) {
          return finish(fields, i, lines);
        }
        c = buf[i];
        if (c == delimiter) {
          i++;
          if (i >= limit && eof) {
            addField(fields++, i, i, false);
            return finish(fields, i, lines);
          }
          continue;
        }
        if (c == '\n' || c == '\r') {
          return endOfLine(fields, i, lines);
        }
        throw MledgerException.invalidParameter(
            source + ": unexpected character after a closing quote on line " + (nextLine + lines));
      }
      int j = i;
      while (j < limit) {
        char u = buf[j];
        if (u == delimiter || u == '\n' || u == '\r') {
          break;
        }
        j++;
      }
      if (j >= limit && !eof) {
        needMore();
        return -1;
      }
      addField(fields++, i, j, false);
      if (j >= limit) {
        return finish(fields, j, lines);
      }
      if (buf[j] == delimiter) {
        i = j + 1;
        if (i >= limit && eof) {
          addField(fields++, i, i, false);
          return finish(fields, i, lines);
        }
        continue;
      }
      return endOfLine(fields, j, lines);
    }
  }

  private int endOfLine(int fields, int i, long lines) throws IOException {
    if (buf[i] == '\r') {
      if (i + 1 >= limit && !eof) {
        needMore();
        return -1;
      }
      if (i + 1 < limit && buf[i + 1] == '\n') {
        i++;
      }
    }
    return finish(fields, i + 1, lines + 1);
  }

  private int finish(int fields, int end, long lines) {
    fieldCount = fields;
    recordLine = nextLine;
    nextLine += Math.max(lines, 1);
    pos = end;
    return end;
  }

  private void addField(int index, int start, int end, boolean hasEscapes) {
    if (index >= starts.length) {
      starts = Arrays.copyOf(starts, index * 2);
      ends = Arrays.copyOf(ends, index * 2);
      escaped = Arrays.copyOf(escaped, index * 2);
    }
    starts[index] = start;
    ends[index] = end;
    escaped[index] = hasEscapes;
  }

  /** Keeps the unfinished record, makes room and reads more input. */
  private void needMore() throws IOException {
    int remaining = limit - pos;
    if (pos == 0 && remaining == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    } else {
      System.arraycopy(buf, pos, buf, 0, remaining);
    }
    pos = 0;
    limit = remaining;
    int read = in.read(buf, limit, buf.length - limit);
    if (read < 0) {
      eof = true;
    } else {
      limit += read;
    }
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    pos = 0;
    limit = 0;
    while (limit == 0) {
      int read = in.read(buf, 0, buf.length);
      if (read < 0) {
        eof = true;
        return false;
      }
      limit = read;
    }
    return true;
  }

  int fieldCount() {
    return fieldCount;
  }

  /** The physical line on which the current record starts (1-based). */
  long line() {
    return recordLine;
  }

  char[] buffer() {
    return buf;
  }

  int start(int field) {
    return starts[field];
  }

  int end(int field) {
    return ends[field];
  }

  /** Whether the field needs {@link #text(int)} (doubled quotes) rather than its raw range. */
  boolean escaped(int field) {
    return escaped[field];
  }

  String text(int field) {
    String raw = new String(buf, starts[field], ends[field] - starts[field]);
    return escaped[field] ? raw.replace("\"\"", "\"") : raw;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
