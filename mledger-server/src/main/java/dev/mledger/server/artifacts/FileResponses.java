package dev.mledger.server.artifacts;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams an artifact to the client as an attachment. The length is announced up front and the last
 * chunk is held back until the store has verified the whole file: if the content turns out damaged,
 * the connection is cut short of the announced length, so the client sees a failed download, never
 * a complete-looking corrupt one.
 */
final class FileResponses {
  private static final Logger LOG = LoggerFactory.getLogger(FileResponses.class);
  private static final int CHUNK_BYTES = 64 * 1024;

  private FileResponses() {}

  /** How the {@code Content-Disposition} header names the file. */
  enum Disposition {
    /** MLflow's own f-string, {@code attachment; filename=<name>} (artifact proxy downloads). */
    PLAIN,
    /** Werkzeug's {@code send_file(as_attachment=True)} header (get-artifact). */
    WERKZEUG
  }

  static void send(
      Context ctx, String fileName, long size, InputStream in, Disposition disposition) {
    String mimeType = MimeTypes.guess(fileName);
    ctx.status(200);
    ctx.res().setContentType(mimeType);
    ctx.res().setContentLengthLong(size);
    ctx.header("Content-Disposition", contentDisposition(fileName, disposition));
    ctx.header("X-Content-Type-Options", "nosniff");
    try (in) {
      OutputStream out = ctx.res().getOutputStream();
      byte[] pending = new byte[CHUNK_BYTES];
      byte[] next = new byte[CHUNK_BYTES];
      int pendingLength = in.readNBytes(pending, 0, CHUNK_BYTES);
      while (pendingLength > 0) {
        int nextLength = in.readNBytes(next, 0, CHUNK_BYTES);
        if (nextLength == 0) {
          break; // the store verified the content on reaching its end
        }
        out.write(pending, 0, pendingLength);
        byte[] swap = pending;
        pending = next;
        next = swap;
        pendingLength = nextLength;
      }
      out.write(pending, 0, Math.max(pendingLength, 0));
      ctx.res().flushBuffer();
    } catch (IOException e) {
      // Damaged content or a client that went away: nothing more can be said on this response.
      LOG.warn("download of '{}' aborted: {}", fileName, e.getMessage());
      abort(ctx, e);
    }
  }

  private static void abort(Context ctx, IOException cause) {
    Request base = Request.getBaseRequest(ctx.req());
    if (base != null) {
      base.getHttpChannel().abort(cause);
    }
  }

  static String contentDisposition(String fileName, Disposition disposition) {
    boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(fileName);
    if (disposition == Disposition.PLAIN && ascii) {
      return "attachment; filename=" + fileName;
    }
    if (ascii) {
      return "attachment; filename=" + quoteIfNeeded(fileName);
    }
    String simple =
        java.text.Normalizer.normalize(fileName, java.text.Normalizer.Form.NFKD)
            .replaceAll("[^\\x00-\\x7F]", "");
    return "attachment; filename="
        + quoteIfNeeded(simple)
        + "; filename*=UTF-8''"
        + percentEncode(fileName);
  }

  /** Werkzeug's {@code quote_header_value}: tokens stay bare, anything else is quoted. */
  private static String quoteIfNeeded(String value) {
    if (!value.isEmpty() && value.chars().allMatch(FileResponses::isTokenChar)) {
      return value;
    }
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static boolean isTokenChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /** Python's {@code quote(name, safe="!#$&+^`|~")}. */
  private static String percentEncode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "_.-~!#$&+^`|".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }
}
