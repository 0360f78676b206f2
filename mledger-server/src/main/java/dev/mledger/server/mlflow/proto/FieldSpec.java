package dev.mledger.server.mlflow.proto;

import java.util.List;

/**
 * One field of an MLflow protobuf message, as declared in {@code service.proto}. For enums, {@code
 * enumNames.get(i)} has wire number {@code i + 1} (true of every enum the tracking API uses).
 */
public record FieldSpec(
    String name,
    FieldType type,
    boolean repeated,
    MessageSpec messageType,
    List<String> enumNames,
    Object defaultValue) {

  public FieldSpec {
    enumNames = enumNames == null ? List.of() : List.copyOf(enumNames);
  }

  /**
   * The field's protobuf JSON name, as {@code protoc} derives {@code json_name}: each underscore is
   * dropped and the letter after it upper-cased ({@code run_id} becomes {@code runId}, {@code
   * experiment_ids} becomes {@code experimentIds}).
   */
  public String jsonName() {
    StringBuilder json = new StringBuilder(name.length());
    boolean upperNext = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '_') {
        upperNext = true;
      } else if (upperNext) {
        json.append(Character.toUpperCase(c));
        upperNext = false;
      } else {
        json.append(c);
      }
    }
    return json.toString();
  }
}
