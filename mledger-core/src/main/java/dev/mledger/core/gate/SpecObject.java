package dev.mledger.core.gate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Typed, path-aware access to one JSON object of a gate specification. */
final class SpecObject {
  private final Map<?, ?> fields;
  private final String path;

  private SpecObject(Map<?, ?> fields, String path) {
    this.fields = fields;
    this.path = path;
  }

  static SpecObject of(Object value, String path) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new InvalidGateException(path, "expected an object, got " + describe(value) + ".");
    }
    return new SpecObject(map, path);
  }

  String path() {
    return path;
  }

  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean has(String key) {
    return fields.get(key) != null;
  }

  void allowOnly(Set<String> keys) {
    for (Object key : fields.keySet()) {
      if (!keys.contains(key)) {
        throw new InvalidGateException(
            child(String.valueOf(key)),
            "unknown field '" + key + "'; expected one of " + new TreeSet<>(keys) + ".");
      }
    }
  }

  String string(String key) {
    Object value = fields.get(key);
    if (value == null) {
      throw new InvalidGateException(child(key), "is required.");
    }
    if (!(value instanceof String s) || s.isBlank()) {
      throw new InvalidGateException(
          child(key), "expected a non-empty string, got " + describe(value) + ".");
    }
    return s;
  }

  String string(String key, String defaultValue) {
    return has(key) ? string(key) : defaultValue;
  }

  /** An optional string that may be empty; {@code ""} when absent. */
  String text(String key) {
    Object value = fields.get(key);
    if (value == null) {
      return "";
    }
    if (!(value instanceof String s)) {
      throw new InvalidGateException(child(key), "expected a string, got " + describe(value) + ".");
    }
    return s;
  }

  double number(String key) {
    Object value = fields.get(key);
    if (value == null) {
      throw new InvalidGateException(child(key), "is required.");
    }
    if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw new InvalidGateException(
          child(key), "expected a finite number, got " + describe(value) + ".");
    }
    return n.doubleValue();
  }

  double number(String key, double defaultValue) {
    return has(key) ? number(key) : defaultValue;
  }

  double probability(String key, double defaultValue) {
    double value = number(key, defaultValue);
    if (!(value > 0.0 && value < 1.0)) {
      throw new InvalidGateException(
          child(key), "must lie strictly between 0 and 1, got " + GateText.number(value) + ".");
    }
    return value;
  }

  boolean bool(String key, boolean defaultValue) {
    Object value = fields.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Boolean b)) {
      throw new InvalidGateException(
          child(key), "expected true or false, got " + describe(value) + ".");
    }
    return b;
  }

  List<?> list(String key) {
    Object value = fields.get(key);
    if (value == null) {
      throw new InvalidGateException(child(key), "is required.");
    }
    if (!(value instanceof List<?> list)) {
      throw new InvalidGateException(child(key), "expected a list, got " + describe(value) + ".");
    }
    return list;
  }

  Object raw(String key) {
    return fields.get(key);
  }

  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "'" + s + "'";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    return String.valueOf(value);
  }
}
