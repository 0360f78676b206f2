package dev.mledger.server.mlflow.proto;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shape of one MLflow protobuf message: its fields by proto name, in declaration order. */
public final class MessageSpec {
  private final String name;
  private final Map<String, FieldSpec> fields;
  private final Map<String, FieldSpec> jsonNames;

  private MessageSpec(String name, Map<String, FieldSpec> fields) {
    this.name = name;
    this.fields = fields;
    this.jsonNames = new LinkedHashMap<>();
    fields.values().forEach(f -> jsonNames.put(f.jsonName(), f));
  }

  public static Builder named(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  public FieldSpec field(String fieldName) {
    return fields.get(fieldName);
  }

  /**
   * The field a JSON key names, as protobuf's {@code ParseDict} looks it up: by JSON name ({@code
   * runId}) first, then by proto field name ({@code run_id}); null for an unknown key.
   */
  public FieldSpec fieldForJsonKey(String key) {
    FieldSpec byJsonName = jsonNames.get(key);
    return byJsonName != null ? byJsonName : fields.get(key);
  }

  public Collection<FieldSpec> fields() {
    return fields.values();
  }

  /** Declares fields in proto order. */
  public static final class Builder {
    private final String name;
    private final Map<String, FieldSpec> fields = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder string(String field) {
      return add(new FieldSpec(field, FieldType.STRING, false, null, null, null));
    }

    public Builder strings(String field) {
      return add(new FieldSpec(field, FieldType.STRING, true, null, null, null));
    }

    public Builder int32(String field) {
      return add(new FieldSpec(field, FieldType.INT32, false, null, null, null));
    }

    public Builder int32(String field, int defaultValue) {
      return add(new FieldSpec(field, FieldType.INT32, false, null, null, defaultValue));
    }

    public Builder int64(String field) {
      return add(new FieldSpec(field, FieldType.INT64, false, null, null, null));
    }

    public Builder bool(String field) {
      return add(new FieldSpec(field, FieldType.BOOL, false, null, null, null));
    }

    public Builder float64(String field) {
      return add(new FieldSpec(field, FieldType.DOUBLE, false, null, null, null));
    }

    public Builder enumeration(String field, List<String> names) {
      return add(new FieldSpec(field, FieldType.ENUM, false, null, names, null));
    }

    public Builder message(String field, MessageSpec type) {
      return add(new FieldSpec(field, FieldType.MESSAGE, false, type, null, null));
    }

    public Builder messages(String field, MessageSpec type) {
      return add(new FieldSpec(field, FieldType.MESSAGE, true, type, null, null));
    }

    private Builder add(FieldSpec field) {
      fields.put(field.name(), field);
      return this;
    }

    public MessageSpec build() {
      return new MessageSpec(name, new LinkedHashMap<>(fields));
    }
  }

  @Override
  public String toString() {
    return "MessageSpec[" + name + " " + List.copyOf(fields.keySet()) + "]";
  }
}
