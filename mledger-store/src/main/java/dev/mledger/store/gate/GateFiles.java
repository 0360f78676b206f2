package dev.mledger.store.gate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.gate.GateDefinition;
import dev.mledger.core.gate.GateSpecs;
import dev.mledger.core.gate.InvalidGateException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads gate files written in YAML or JSON (see {@code docs/GATES.md}). Every error names the
 * source, line and column: {@code gate.yaml:12:14: rules[1].limit: expected a finite number, got
 * 'fast'.} Errors are INVALID_PARAMETER_VALUE {@link MledgerException}s.
 */
public final class GateFiles {
  // Duplicate keys are detected while building the tree, with the same message for both formats.
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final YAMLFactory YAML = YAMLFactory.builder().build();

  private GateFiles() {}

  /** Reads the gate in {@code file}. */
  public static GateDefinition read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw MledgerException.invalidParameter("Gate file " + file + " does not exist.");
    } catch (MalformedInputException e) {
      throw MledgerException.invalidParameter("Gate file " + file + " is not UTF-8 text.");
    } catch (IOException e) {
      throw new MledgerException(
          ErrorCode.IO_ERROR, "Cannot read gate file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /**
   * Parses a gate from {@code text}: JSON when it starts with <code>{</code>, YAML otherwise.
   *
   * @param source how errors name the text, e.g. the file name
   */
  public static GateDefinition parse(String text, String source) {
    String trimmed = text.stripLeading();
    boolean json = trimmed.startsWith("{");
    Map<String, JsonLocation> locations = new HashMap<>();
    Object tree;
    try (JsonParser parser = (json ? JSON : YAML).createParser(text)) {
      if (parser.nextToken() == null) {
        throw MledgerException.invalidParameter(source + ": the gate file is empty.");
      }
      tree = new TreeReader(source, locations).read(parser, "");
      if (parser.nextToken() != null) {
        throw error(source, parser.currentTokenLocation(), "unexpected content after the gate.");
      }
    } catch (JsonProcessingException e) {
      throw error(source, e.getLocation(), firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw MledgerException.invalidParameter(source + ": " + e.getMessage());
    }
    try {
      return GateSpecs.fromTree(tree);
    } catch (InvalidGateException e) {
      return rethrow(e, source, locations);
    }
  }

  private static GateDefinition rethrow(
      InvalidGateException e, String source, Map<String, JsonLocation> locations) {
    // A missing field has no location of its own: point at the nearest enclosing element.
    String path = e.path();
    while (!locations.containsKey(path) && !path.isEmpty()) {
      int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
      path = cut < 0 ? "" : path.substring(0, cut);
    }
    throw error(source, locations.get(path), e.getMessage());
  }

  private static MledgerException error(String source, JsonLocation location, String message) {
    String where =
        location == null || location.getLineNr() < 1
            ? source
            : source + ":" + location.getLineNr() + ":" + location.getColumnNr();
    return MledgerException.invalidParameter(where + ": " + message);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed gate file.";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Builds a plain JSON-shaped tree while remembering where each element starts. */
  private record TreeReader(String source, Map<String, JsonLocation> locations) {

    /** Reads the value at the current token; members of objects are located at their key. */
    Object read(JsonParser p, String path) throws IOException {
      JsonLocation start = p.currentTokenLocation();
      locations.putIfAbsent(path, start);
      JsonToken token = p.currentToken();
      switch (token) {
        case START_OBJECT -> {
          Map<String, Object> object = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonLocation keyLocation = p.currentTokenLocation();
            if (object.containsKey(key)) {
              throw error(source, keyLocation, "duplicate field '" + key + "'.");
            }
            String child = path.isEmpty() ? key : path + "." + key;
            locations.put(child, keyLocation);
            p.nextToken();
            object.put(key, read(p, child));
          }
          return object;
        }
        case START_ARRAY -> {
          List<Object> array = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            array.add(read(p, path + "[" + array.size() + "]"));
          }
          return array;
        }
        case VALUE_STRING -> {
          return p.getText();
        }
        case VALUE_NUMBER_INT -> {
          return p.getNumberValue();
        }
        case VALUE_NUMBER_FLOAT -> {
          return p.getDoubleValue();
        }
        case VALUE_TRUE -> {
          return Boolean.TRUE;
        }
        case VALUE_FALSE -> {
          return Boolean.FALSE;
        }
        case VALUE_NULL -> {
          return null;
        }
        default -> throw error(source, start, "unsupported value " + token + ".");
      }
    }
  }
}
