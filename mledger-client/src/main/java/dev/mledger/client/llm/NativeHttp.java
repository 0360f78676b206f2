package dev.mledger.client.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.client.NativeApi;
import java.util.List;
import java.util.Map;

/**
 * The LLM client's calls of the native API, by method name, over {@link NativeApi} (the tracking
 * client's transport: credentials, retries, error mapping).
 */
final class NativeHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  private final NativeApi api;

  NativeHttp(NativeApi api) {
    this.api = api;
  }

  /**
   * @param path relative to the tracking URI, segments and query already percent-encoded
   */
  JsonNode send(String method, String path, JsonNode body) {
    String absolute = path.startsWith("/") ? path : "/" + path;
    return switch (method) {
      case "GET" -> api.get(absolute);
      case "POST" -> api.post(absolute, body);
      case "PUT" -> api.put(absolute, body, Map.of());
      case "DELETE" -> api.delete(absolute, List.of(), body, Map.of());
      default -> throw new IllegalArgumentException("unsupported method " + method);
    };
  }

  static String encode(String segment) {
    return NativeApi.segment(segment);
  }
}
