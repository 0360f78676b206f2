package dev.mledger.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.NativeApi;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's calls to the native API ({@code /api/v1}) and the artifact proxy where the SDK has no
 * typed client (gates and decisions, lineage, monitor definitions, datasets, artifact uploads):
 * plain Java values in, JSON out, over the SDK's {@link NativeApi} (its credentials, retries and
 * error mapping).
 */
final class DemoApi {
  static final ObjectMapper JSON = JsonMapper.builder().build();

  private final NativeApi api;

  DemoApi(MledgerClient client) {
    this.api = client.nativeApi();
  }

  /** Percent-encodes one path segment. */
  static String encode(String value) {
    return NativeApi.segment(value);
  }

  /** GET {@code path}, which may carry a query string. */
  JsonNode get(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    if (q < 0) {
      return api.get(pathAndQuery);
    }
    List<Map.Entry<String, String>> query = new ArrayList<>();
    for (String pair : pathAndQuery.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      query.add(Map.entry(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1))));
    }
    return api.get(pathAndQuery.substring(0, q), query);
  }

  JsonNode post(String path, Object body) {
    return api.post(path, JSON.valueToTree(body), Map.of());
  }

  /** Uploads {@code content} to {@code path} with PUT (the artifact proxy). */
  void put(String path, byte[] content) {
    api.upload(path, content.length, () -> new ByteArrayInputStream(content));
  }

  static byte[] bytes(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
