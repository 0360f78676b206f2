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
}
