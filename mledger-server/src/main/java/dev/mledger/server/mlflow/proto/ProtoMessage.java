package dev.mledger.server.mlflow.proto;

import java.util.List;
import java.util.Map;

/**
 * A decoded request message with proto2 presence semantics: a field is either set (even to an empty
 * string) or absent, and absent fields read as their proto default.
 */
public final class ProtoMessage {
  private final MessageSpec spec;
  private final Map<String, Object> values;

  ProtoMessage(MessageSpec spec, Map<String, Object> values) {
    this.spec = spec;
    this.values = Map.copyOf(values);
  }

  public MessageSpec spec() {
    return spec;
  }

  /** The set fields by proto name, for merging a message given twice. */
  Map<String, Object> values() {
    return values;
  }

  public boolean has(String field) {
    requireDeclared(field);
    return values.containsKey(field);
  }

  /** The string value, or {@code ""} when unset (proto default). */
  public String string(String field) {
    Object value = get(field);
    return value == null ? "" : (String) value;
  }

  /** The string value, or null when unset. */
  public String stringOrNull(String field) {
    return (String) get(field);
  }

  /** The integer value (int32 or int64), or null when unset and without a proto default. */
  public Long integerOrNull(String field) {
    Object value = get(field);
    if (value == null) {
      value = spec.field(field).defaultValue();
    }
    return value == null ? null : ((Number) value).longValue();
  }

  /** The integer value, or {@code fallback} when unset and without a proto default. */
  public long integer(String field, long fallback) {
    Long value = integerOrNull(field);
    return value == null ? fallback : value;
  }

  /** The double value, or null when unset. */
  public Double doubleOrNull(String field) {
    return (Double) get(field);
  }

  /** The boolean value, or null when unset. */
  public Boolean booleanOrNull(String field) {
    return (Boolean) get(field);
  }

  /** The enum constant name, or null when unset. */
  public String enumOrNull(String field) {
    return (String) get(field);
  }

  public ProtoMessage messageOrNull(String field) {
    return (ProtoMessage) get(field);
  }

  @SuppressWarnings("unchecked")
  public List<String> strings(String field) {
    Object value = get(field);
    return value == null ? List.of() : (List<String>) value;
  }

  @SuppressWarnings("unchecked")
  public List<ProtoMessage> messages(String field) {
    Object value = get(field);
    return value == null ? List.of() : (List<ProtoMessage>) value;
  }

  private Object get(String field) {
    requireDeclared(field);
    return values.get(field);
  }

  private void requireDeclared(String field) {
    if (spec.field(field) == null) {
      throw new IllegalArgumentException(spec.name() + " has no field " + field);
    }
  }

  @Override
  public String toString() {
    return spec.name() + values;
  }
}
