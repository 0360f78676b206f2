package dev.mledger.store.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mledger.core.dataset.ContractRule;
import dev.mledger.core.dataset.DataContract;
import dev.mledger.core.dataset.Durations;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads data contracts written in YAML (or JSON, which is YAML), documented in {@code
 * docs/DATA.md}:
 *
 * <pre>{@code
 * schema:
 *   columns: [{name: id, type: numeric}, email]
 *   allow_extra: false
 * row_count: {min: 1000, max: 5000000}
 * hash: 9f86d081...
 * freshness: {warn_after: 7d, block_after: 30d}
 * privacy: {allowed_pii: [email], forbidden_columns: [ssn], require_declaration: true}
 * license: {allowed: [CC-BY-4.0, MIT]}
 * }</pre>
 *
 * Every section is optional; unknown keys are refused so that a typo does not silently disable a
 * check. Errors are INVALID_PARAMETER_VALUE naming the file and the key.
 */
public final class ContractFiles {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private ContractFiles() {}

  /** Reads the contract in {@code file}. */
  public static DataContract read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw MledgerException.invalidParameter("contract file " + file + " does not exist");
    } catch (MalformedInputException e) {
      throw MledgerException.invalidParameter("contract file " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new MledgerException(ErrorCode.IO_ERROR, "cannot read " + file + ": " + e, e);
    }
    return parse(text, file.toString());
  }

  /** Parses a contract; {@code source} names it in errors. */
  public static DataContract parse(String text, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw MledgerException.invalidParameter(
          source + ": not valid YAML/JSON: " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw MledgerException.invalidParameter(source + ": the contract is empty");
    }
    if (!root.isObject()) {
      throw MledgerException.invalidParameter(source + ": a contract is a mapping of sections");
    }
    onlyKeys(root, source, "", "schema", "row_count", "hash", "freshness", "privacy", "license");
    List<ContractRule> rules = new ArrayList<>();
    try {
      if (root.has("schema")) {
        rules.add(schema(root.get("schema"), source));
      }
      if (root.has("row_count")) {
        JsonNode n = object(root.get("row_count"), source, "row_count");
        onlyKeys(n, source, "row_count.", "min", "max");
        rules.add(new ContractRule.RowCount(count(n, "min", source), count(n, "max", source)));
      }
      if (root.has("hash")) {
        rules.add(new ContractRule.Hash(text(root.get("hash"), source, "hash")));
      }
      if (root.has("freshness")) {
        JsonNode n = object(root.get("freshness"), source, "freshness");
        onlyKeys(n, source, "freshness.", "warn_after", "block_after");
        rules.add(
            new ContractRule.Freshness(
                n.has("warn_after")
                    ? Durations.parse(text(n.get("warn_after"), source, "freshness.warn_after"))
                    : null,
                n.has("block_after")
                    ? Durations.parse(text(n.get("block_after"), source, "freshness.block_after"))
                    : null));
      }
      if (root.has("privacy")) {
        JsonNode n = object(root.get("privacy"), source, "privacy");
        onlyKeys(n, source, "privacy.", "allowed_pii", "forbidden_columns", "require_declaration");
        rules.add(
            new ContractRule.Privacy(
                names(n.get("allowed_pii"), source, "privacy.allowed_pii"),
                names(n.get("forbidden_columns"), source, "privacy.forbidden_columns"),
                n.has("require_declaration") && bool(n.get("require_declaration"), source)));
      }
      if (root.has("license")) {
        JsonNode n = object(root.get("license"), source, "license");
        onlyKeys(n, source, "license.", "allowed");
        rules.add(new ContractRule.License(names(n.get("allowed"), source, "license.allowed")));
      }
    } catch (MledgerException e) {
      if (e.getMessage().startsWith(source + ":")) {
        throw e;
      }
      throw MledgerException.invalidParameter(source + ": " + e.getMessage());
    }
    return new DataContract(source, rules);
  }

  private static ContractRule schema(JsonNode node, String source) {
    JsonNode n = object(node, source, "schema");
    onlyKeys(n, source, "schema.", "columns", "allow_extra");
    JsonNode columns = n.get("columns");
    if (columns == null || !columns.isArray() || columns.isEmpty()) {
      throw MledgerException.invalidParameter(source + ": schema.columns must be a non-empty list");
    }
    List<ContractRule.Column> out = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      JsonNode c = columns.get(i);
      String where = "schema.columns[" + i + "]";
      if (c.isTextual()) {
        out.add(new ContractRule.Column(c.asText(), null));
      } else if (c.isObject()) {
        onlyKeys(c, source, where + ".", "name", "type");
        out.add(
            new ContractRule.Column(
                text(c.get("name"), source, where + ".name"),
                c.has("type") ? text(c.get("type"), source, where + ".type") : null));
      } else {
        throw MledgerException.invalidParameter(
            source + ": " + where + " must be a column name or {name, type}");
      }
    }
    boolean allowExtra = !n.has("allow_extra") || bool(n.get("allow_extra"), source);
    return new ContractRule.Schema(out, allowExtra);
  }

  private static JsonNode object(JsonNode node, String source, String where) {
    if (node == null || !node.isObject()) {
      throw MledgerException.invalidParameter(source + ": " + where + " must be a mapping");
    }
    return node;
  }

  private static void onlyKeys(JsonNode node, String source, String prefix, String... allowed) {
    Set<String> ok = Set.of(allowed);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!ok.contains(key)) {
        throw MledgerException.invalidParameter(
            source
                + ": unknown key '"
                + prefix
                + key
                + "' (expected one of "
                + String.join(", ", allowed)
                + ")");
      }
    }
  }

  private static String text(JsonNode node, String source, String where) {
    if (node == null || !node.isValueNode() || node.isNull() || node.asText().isBlank()) {
      throw MledgerException.invalidParameter(source + ": " + where + " must be a text value");
    }
    return node.asText();
  }

  private static Long count(JsonNode node, String key, String source) {
    JsonNode v = node.get(key);
    if (v == null) {
      return null;
    }
    if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
      throw MledgerException.invalidParameter(
          source + ": row_count." + key + " must be a non-negative integer");
    }
    return v.asLong();
  }

  private static boolean bool(JsonNode node, String source) {
    if (!node.isBoolean()) {
      throw MledgerException.invalidParameter(source + ": expected true or false, got " + node);
    }
    return node.asBoolean();
  }

  private static Set<String> names(JsonNode node, String source, String where) {
    Set<String> out = new LinkedHashSet<>();
    if (node == null) {
      return out;
    }
    if (!node.isArray()) {
      throw MledgerException.invalidParameter(source + ": " + where + " must be a list");
    }
    for (JsonNode n : node) {
      out.add(text(n, source, where + "[]"));
    }
    return out;
  }
}
