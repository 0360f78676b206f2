package dev.mledger.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy in front of a server that misbehaves on request: queued {@link Fault}s apply to the
 * next requests whose path ends with the fault's endpoint. It records every request it sees.
 */
final class FlakyProxy implements AutoCloseable {

  /** What to do with one matching request. */
  sealed interface Fault {
    String endpoint();
  }

  /** Answer with {@code status} without forwarding (the server never sees the request). */
  record Reject(String endpoint, int status, String body) implements Fault {}

  /**
   * Forward the request, then answer {@code status} (the server did the work; the reply is lost).
   */
  record LoseResponse(String endpoint, int status) implements Fault {}

  /** Hold the request until {@code release} opens, then forward it. */
  record Hold(String endpoint, java.util.concurrent.CountDownLatch release) implements Fault {}

  /** One request as seen by the proxy. */
  record Seen(String method, String path, String authorization, String body) {}

  private final HttpServer server;
  private final URI target;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  FlakyProxy(String targetUri) throws IOException {
    this.target = URI.create(targetUri);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  String uri() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void inject(Fault fault) {
    faults.add(fault);
  }

  List<Seen> seen() {
    return List.copyOf(seen);
  }

  long count(String endpoint) {
    return seen.stream().filter(s -> s.path().endsWith(endpoint)).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String path = exchange.getRequestURI().getPath();
      seen.add(
          new Seen(
              exchange.getRequestMethod(),
              path,
              exchange.getRequestHeaders().getFirst("Authorization"),
              new String(body, StandardCharsets.UTF_8)));
      Fault fault = takeFault(path);
      if (fault instanceof Reject reject) {
        respond(exchange, reject.status(), reject.body());
        return;
      }
      if (fault instanceof Hold hold) {
        try {
          hold.release().await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      HttpResponse<byte[]> response = forward(exchange, body);
      if (fault instanceof LoseResponse lose) {
        respond(exchange, lose.status(), "<html>bad gateway</html>");
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(response.statusCode(), response.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
  }

  private synchronized Fault takeFault(String path) {
    for (Fault fault : faults) {
      if (path.endsWith(fault.endpoint())) {
        faults.remove(fault);
        return fault;
      }
    }
    return null;
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
    URI uri = target.resolve(exchange.getRequestURI().toString());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
