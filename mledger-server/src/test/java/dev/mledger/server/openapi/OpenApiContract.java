package dev.mledger.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The served OpenAPI document seen from a test: which operations it declares, and whether a real
 * response conforms to the schema it documents for that operation and status.
 */
final class OpenApiContract {
  /** Identifier under which the document is given to the schema validator. */
  private static final String DOCUMENT_IRI = "https://mledger.dev/api/v1/openapi.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode document;
  private final JsonSchemaFactory schemas;

  OpenApiContract(String documentJson) {
    try {
      this.document = JSON.readTree(documentJson);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.schemas =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder ->
                builder.schemaLoaders(
                    loaders -> loaders.schemas(Map.of(DOCUMENT_IRI, documentJson))));
  }

  JsonNode document() {
    return document;
  }

  /**
   * Problems of {@code body} against the schema documented for {@code method path} answering {@code
   * status} (falling back to the operation's {@code default} response); empty when it conforms.
   */
  Set<String> violations(String method, String pathTemplate, int status, JsonNode body) {
    String operation = "/paths/" + escape(pathTemplate) + "/" + method.toLowerCase(Locale.ROOT);
    JsonNode responses = document.at(operation + "/responses");
    if (responses.isMissingNode()) {
      return Set.of(method + " " + pathTemplate + " is not documented");
    }
    String key = responses.has(Integer.toString(status)) ? Integer.toString(status) : "default";
    if (!responses.has(key)) {
      return Set.of(method + " " + pathTemplate + " documents no response " + status);
    }
    String response = operation + "/responses/" + key;
    JsonNode ref = document.at(response + "/$ref");
    if (ref.isTextual()) {
      response = ref.asText().substring(1);
    }
    String pointer = response + "/content/application~1json/schema";
    if (document.at(pointer).isMissingNode()) {
      return Set.of(method + " " + pathTemplate + " " + key + " documents no JSON body");
    }
    JsonSchema schema = schemas.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + pointer));
    return schema.validate(body).stream()
        .map(ValidationMessage::getMessage)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  /** Every {@code $ref} in the document that does not point at an existing node. */
  Set<String> danglingReferences() {
    Set<String> dangling = new java.util.TreeSet<>();
    collectReferences(document, dangling);
    return dangling;
  }

  private void collectReferences(JsonNode node, Set<String> dangling) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        String target = ref.asText();
        if (!target.startsWith("#") || document.at(target.substring(1)).isMissingNode()) {
          dangling.add(target);
        }
      }
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        collectReferences(it.next(), dangling);
      }
    } else if (node.isArray()) {
      node.forEach(child -> collectReferences(child, dangling));
    }
  }

  private static String escape(String pathTemplate) {
    return pathTemplate.replace("~", "~0").replace("/", "~1");
  }
}
