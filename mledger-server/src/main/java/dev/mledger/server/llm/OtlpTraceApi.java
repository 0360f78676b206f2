package dev.mledger.server.llm;

import com.google.protobuf.CodedOutputStream;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.server.http.JsonResponses;
import dev.mledger.server.http.Routes;
import dev.mledger.store.llm.LlmStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTLP/HTTP trace ingest, {@code POST /v1/traces}, as the OpenTelemetry protocol specifies it:
 *
 * <ul>
 *   <li>{@code Content-Type: application/x-protobuf} (binary) or {@code application/json}
 *       (OTLP/JSON); anything else is 415;
 *   <li>{@code Content-Encoding: gzip} or none;
 *   <li>success is 200 with an {@code ExportTraceServiceResponse} in the request's encoding; spans
 *       refused individually (malformed ids, end before start) are reported in its {@code
 *       partial_success} (rejected count and message) while the others are stored;
 *   <li>a malformed payload is 400 with a {@code google.rpc.Status} body (code 3,
 *       INVALID_ARGUMENT), never a 500; a busy or unreachable database is 503, which exporters
 *       retry. Re-sent spans replace the stored ones, so retries never duplicate.
 * </ul>
 */
public final class OtlpTraceApi {
  static final String PATH = "/v1/traces";
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";

  /** Decompressed bodies are capped so that a small gzip bomb cannot exhaust memory. */
  static final int MAX_DECODED_BYTES = 64 * 1024 * 1024;

  private static final int RPC_INVALID_ARGUMENT = 3;
  private static final int RPC_INTERNAL = 13;
  private static final int RPC_UNAVAILABLE = 14;
  private static final Logger LOG = LoggerFactory.getLogger(OtlpTraceApi.class);

  private final LlmStore store;

  public OtlpTraceApi(LlmStore store) {
    this.store = store;
  }

  public void register(Routes routes) {
    routes.add(HandlerType.POST, PATH, this::export);
  }

  private void export(Context ctx) {
    String type = mediaType(ctx.contentType());
    boolean protobuf = PROTOBUF.equals(type);
    if (!protobuf && !JSON.equals(type)) {
      sendStatus(
          ctx,
          415,
          false,
          RPC_INVALID_ARGUMENT,
          "Unsupported Content-Type '"
              + ctx.contentType()
              + "': send application/x-protobuf or application/json.");
      return;
    }
    try {
      byte[] body = decode(ctx.bodyAsBytes(), ctx.header("Content-Encoding"));
      OtlpBatch batch = protobuf ? OtlpProtobuf.decode(body) : OtlpJson.decode(body);
      store.ingestSpans(batch.spans());
      sendSuccess(ctx, protobuf, batch);
    } catch (UnsupportedEncoding e) {
      sendStatus(ctx, 415, protobuf, RPC_INVALID_ARGUMENT, e.getMessage());
    } catch (MledgerException e) {
      int status = e.code().httpStatus();
      if (status >= 500) {
        LOG.error("OTLP export failed: {}", e.getMessage(), e);
      }
      int rpc =
          status == 503 ? RPC_UNAVAILABLE : status >= 500 ? RPC_INTERNAL : RPC_INVALID_ARGUMENT;
      sendStatus(ctx, status, protobuf, rpc, e.getMessage());
    }
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  private static final class UnsupportedEncoding extends Exception {
    UnsupportedEncoding(String message) {
      super(message);
    }
  }

  private static byte[] decode(byte[] body, String encoding) throws UnsupportedEncoding {
    String coding = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
    if (coding.isEmpty() || coding.equals("identity")) {
      return body;
    }
    if (!coding.equals("gzip")) {
      throw new UnsupportedEncoding(
          "Unsupported Content-Encoding '" + encoding + "': send gzip or no encoding.");
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, body.length * 4));
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (out.size() + n > MAX_DECODED_BYTES) {
          throw new MledgerException(
              ErrorCode.MALFORMED_REQUEST,
              "The gzip body inflates beyond " + MAX_DECODED_BYTES + " bytes.");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (ZipException | java.io.EOFException e) {
      throw new MledgerException(
          ErrorCode.MALFORMED_REQUEST, "Malformed gzip body: " + e.getMessage());
    } catch (IOException e) {
      throw new MledgerException(
          ErrorCode.MALFORMED_REQUEST, "Unreadable gzip body: " + e.getMessage());
    }
  }

  private static void sendSuccess(Context ctx, boolean protobuf, OtlpBatch batch) {
    if (protobuf) {
      ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
      if (batch.rejectedSpans() > 0) {
        response.setPartialSuccess(
            ExportTracePartialSuccess.newBuilder()
                .setRejectedSpans(batch.rejectedSpans())
                .setErrorMessage(batch.rejectionMessage()));
      }
      sendBytes(ctx, 200, PROTOBUF, response.build().toByteArray());
      return;
    }
    com.fasterxml.jackson.databind.node.ObjectNode body = LlmJson.object();
    if (batch.rejectedSpans() > 0) {
      // proto3 JSON writes int64 as a string
      body.putObject("partialSuccess")
          .put("rejectedSpans", Long.toString(batch.rejectedSpans()))
          .put("errorMessage", batch.rejectionMessage());
    }
    JsonResponses.send(ctx, 200, JSON, body.toString());
  }

  private static void sendStatus(
      Context ctx, int httpStatus, boolean protobuf, int rpcCode, String message) {
    if (!protobuf) {
      com.fasterxml.jackson.databind.node.ObjectNode body = LlmJson.object();
      body.put("code", rpcCode);
      body.put("message", message);
      JsonResponses.send(ctx, httpStatus, JSON, body.toString());
      return;
    }
    // google.rpc.Status { int32 code = 1; string message = 2; }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      CodedOutputStream coded = CodedOutputStream.newInstance(out);
      coded.writeInt32(1, rpcCode);
      coded.writeString(2, message == null ? "" : message);
      coded.flush();
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    sendBytes(ctx, httpStatus, PROTOBUF, out.toByteArray());
  }

  private static void sendBytes(Context ctx, int status, String type, byte[] bytes) {
    HttpServletResponse response = ctx.res();
    ctx.status(status);
    response.setContentType(type);
    response.setContentLength(bytes.length);
    try {
      response.getOutputStream().write(bytes);
      response.flushBuffer();
    } catch (IOException e) {
      LOG.debug("could not answer an OTLP export: {}", e.getMessage());
    }
  }
}
