package dev.mledger.server.mlflow.proto;

/** The protobuf scalar kinds MLflow's tracking messages use, plus nested messages and enums. */
public enum FieldType {
  STRING,
  INT32,
  INT64,
  DOUBLE,
  BOOL,
  ENUM,
  MESSAGE
}
