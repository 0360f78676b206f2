package dev.mledger.cli;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;

/**
 * The one JSON writer behind every {@code --json} flag: one document per command, pretty-printed,
 * insertion-ordered keys. Non-finite numbers are written as the bare tokens {@code NaN}, {@code
 * Infinity} and {@code -Infinity}, as MLflow and Python's {@code json} module do.
 */
public final class JsonOutput {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private JsonOutput() {}

  /** Prints {@code document} (maps, lists, strings, numbers, booleans, null) as one document. */
  public static void print(PrintWriter out, Object document) {
    try {
      out.println(MAPPER.writeValueAsString(document));
      out.flush();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON output", e);
    }
  }
}
