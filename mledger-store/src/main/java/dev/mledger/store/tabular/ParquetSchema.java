package dev.mledger.store.tabular;

import dev.mledger.store.tabular.ParquetValueDecoder.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.TimeUnit;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;

/**
 * The top-level fields of a Parquet file, from the footer's depth-first list of schema elements.
 * Fields are classified here (flat with a value decoder, or nested) so the reader only decodes.
 */
final class ParquetSchema {
  private ParquetSchema() {}

  /**
   * Parses the flattened schema tree; throws {@link IllegalArgumentException} with a reason when
   * the tree is malformed (the caller reports the file as corrupt).
   */
  static List<ParquetField> fields(List<SchemaElement> elements) {
    if (elements == null || elements.isEmpty()) {
      throw new IllegalArgumentException("the footer has no schema");
    }
    SchemaElement root = elements.get(0);
    int children = root.isSetNum_children() ? root.getNum_children() : 0;
    List<ParquetField> fields = new ArrayList<>(children);
    int[] cursor = {1};
    int leaf = 0;
    for (int i = 0; i < children; i++) {
      SchemaElement element = element(elements, cursor[0]++);
      String name = element.getName();
      if (isGroup(element)) {
        int leaves = skipGroup(elements, element, cursor);
        fields.add(ParquetField.nested(name, leaf, leaves, groupDescription(element)));
        leaf += leaves;
      } else if (element.getRepetition_type() == FieldRepetitionType.REPEATED) {
        fields.add(ParquetField.nested(name, leaf, 1, "repeated " + physical(element)));
        leaf++;
      } else {
        fields.add(flat(element, leaf));
        leaf++;
      }
    }
    if (cursor[0] != elements.size()) {
      throw new IllegalArgumentException(
          "the schema lists " + elements.size() + " elements but its tree has " + cursor[0]);
    }
    return fields;
  }

  private static SchemaElement element(List<SchemaElement> elements, int index) {
    if (index >= elements.size()) {
      throw new IllegalArgumentException("the schema tree is truncated");
    }
    return elements.get(index);
  }

  private static boolean isGroup(SchemaElement element) {
    return !element.isSetType() || (element.isSetNum_children() && element.getNum_children() > 0);
  }

  /** Moves the cursor past a group's subtree; returns the number of leaves in it. */
  private static int skipGroup(List<SchemaElement> elements, SchemaElement group, int[] cursor) {
    int leaves = 0;
    int children = group.isSetNum_children() ? group.getNum_children() : 0;
    for (int i = 0; i < children; i++) {
      SchemaElement child = element(elements, cursor[0]++);
      leaves += isGroup(child) ? skipGroup(elements, child, cursor) : 1;
    }
    return leaves;
  }

  private static String groupDescription(SchemaElement group) {
    String annotation = null;
    if (group.isSetLogicalType()) {
      annotation = group.getLogicalType().getSetField().getFieldName();
    } else if (group.isSetConverted_type()) {
      annotation = group.getConverted_type().name();
    }
    String kind =
        group.getRepetition_type() == FieldRepetitionType.REPEATED ? "repeated group" : "group";
    return annotation == null ? kind : kind + " (" + annotation + ")";
  }

  private static ParquetField flat(SchemaElement element, int leaf) {
    PrimitiveTypeName physical = physical(element);
    boolean optional = element.getRepetition_type() != FieldRepetitionType.REQUIRED;
    int length = element.isSetType_length() ? element.getType_length() : 0;
    PrimitiveType type =
        new PrimitiveType(
            optional ? Repetition.OPTIONAL : Repetition.REQUIRED,
            physical,
            length,
            element.getName());
    ColumnDescriptor descriptor =
        new ColumnDescriptor(new String[] {element.getName()}, type, 0, optional ? 1 : 0);
    return ParquetField.flat(
        element.getName(),
        leaf,
        descriptor,
        decoder(element, physical),
        declaredType(element, physical, length));
  }

  /** {@code INT64}, {@code BYTE_ARRAY (STRING)}, {@code FIXED_LEN_BYTE_ARRAY(16) (UUID)}, ... */
  static String declaredType(SchemaElement element, PrimitiveTypeName physical, int length) {
    String base = physical == PrimitiveTypeName.BINARY ? "BYTE_ARRAY" : physical.name();
    if (physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
      base += "(" + length + ")";
    }
    String annotation = null;
    if (element.isSetLogicalType()) {
      annotation = logicalName(element.getLogicalType());
    } else if (element.isSetConverted_type()) {
      annotation = element.getConverted_type().name();
    }
    return annotation == null ? base : base + " (" + annotation + ")";
  }

  private static String logicalName(LogicalType logical) {
    String name = logical.getSetField().getFieldName();
    if (logical.isSetDECIMAL()) {
      return name
          + "("
          + logical.getDECIMAL().getPrecision()
          + ","
          + logical.getDECIMAL().getScale()
          + ")";
    }
    if (logical.isSetTIMESTAMP()) {
      return name + "(" + unitName(logical.getTIMESTAMP().getUnit()) + ")";
    }
    if (logical.isSetTIME()) {
      return name + "(" + unitName(logical.getTIME().getUnit()) + ")";
    }
    if (logical.isSetINTEGER()) {
      return (logical.getINTEGER().isIsSigned() ? "INT" : "UINT")
          + "("
          + logical.getINTEGER().getBitWidth()
          + ")";
    }
    return name;
  }

  private static String unitName(TimeUnit unit) {
    return String.valueOf(unit.getSetField().getFieldName());
  }

  private static PrimitiveTypeName physical(SchemaElement element) {
    return switch (element.getType()) {
      case BOOLEAN -> PrimitiveTypeName.BOOLEAN;
      case INT32 -> PrimitiveTypeName.INT32;
      case INT64 -> PrimitiveTypeName.INT64;
      case INT96 -> PrimitiveTypeName.INT96;
      case FLOAT -> PrimitiveTypeName.FLOAT;
      case DOUBLE -> PrimitiveTypeName.DOUBLE;
      case BYTE_ARRAY -> PrimitiveTypeName.BINARY;
      case FIXED_LEN_BYTE_ARRAY -> PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
    };
  }

  /** The logical type wins over the legacy converted type; writers set both for old readers. */
  static ParquetValueDecoder decoder(SchemaElement element, PrimitiveTypeName physical) {
    int scale = element.isSetScale() ? element.getScale() : 0;
    if (element.isSetLogicalType()) {
      ParquetValueDecoder fromLogical = fromLogical(element.getLogicalType(), physical);
      if (fromLogical != null) {
        return fromLogical;
      }
    } else if (element.isSetConverted_type()) {
      ParquetValueDecoder fromConverted =
          fromConverted(element.getConverted_type(), physical, scale);
      if (fromConverted != null) {
        return fromConverted;
      }
    }
    return ParquetValueDecoder.of(plain(physical));
  }

  private static Kind plain(PrimitiveTypeName physical) {
    return switch (physical) {
      case BOOLEAN -> Kind.BOOLEAN;
      case INT32 -> Kind.INT32;
      case INT64 -> Kind.INT64;
      case INT96 -> Kind.TIMESTAMP_INT96;
      case FLOAT -> Kind.FLOAT;
      case DOUBLE -> Kind.DOUBLE;
      case BINARY, FIXED_LEN_BYTE_ARRAY -> Kind.BYTES;
    };
  }

  private static ParquetValueDecoder fromLogical(LogicalType logical, PrimitiveTypeName physical) {
    if (logical.isSetSTRING() || logical.isSetENUM() || logical.isSetJSON()) {
      return ParquetValueDecoder.of(Kind.STRING);
    }
    if (logical.isSetUUID() && physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
      return ParquetValueDecoder.of(Kind.UUID);
    }
    if (logical.isSetDATE() && physical == PrimitiveTypeName.INT32) {
      return ParquetValueDecoder.of(Kind.DATE);
    }
    if (logical.isSetDECIMAL()) {
      return decimal(physical, logical.getDECIMAL().getScale());
    }
    if (logical.isSetINTEGER()) {
      boolean signed = logical.getINTEGER().isIsSigned();
      if (physical == PrimitiveTypeName.INT32) {
        return ParquetValueDecoder.of(signed ? Kind.INT32 : Kind.UINT32);
      }
      if (physical == PrimitiveTypeName.INT64) {
        return ParquetValueDecoder.of(signed ? Kind.INT64 : Kind.UINT64);
      }
      return null;
    }
    if (logical.isSetTIMESTAMP() && physical == PrimitiveTypeName.INT64) {
      return ParquetValueDecoder.of(
          byUnit(
              logical.getTIMESTAMP().getUnit(),
              Kind.TIMESTAMP_MILLIS,
              Kind.TIMESTAMP_MICROS,
              Kind.TIMESTAMP_NANOS));
    }
    if (logical.isSetTIME()) {
      Kind kind =
          byUnit(logical.getTIME().getUnit(), Kind.TIME_MILLIS, Kind.TIME_MICROS, Kind.TIME_NANOS);
      boolean fits =
          kind == Kind.TIME_MILLIS
              ? physical == PrimitiveTypeName.INT32
              : physical == PrimitiveTypeName.INT64;
      return fits ? ParquetValueDecoder.of(kind) : null;
    }
    return null;
  }

  private static ParquetValueDecoder fromConverted(
      ConvertedType converted, PrimitiveTypeName physical, int scale) {
    return switch (converted) {
      case UTF8, ENUM, JSON -> ParquetValueDecoder.of(Kind.STRING);
      case DECIMAL -> decimal(physical, scale);
      case DATE -> physical == PrimitiveTypeName.INT32 ? ParquetValueDecoder.of(Kind.DATE) : null;
      case TIME_MILLIS ->
          physical == PrimitiveTypeName.INT32 ? ParquetValueDecoder.of(Kind.TIME_MILLIS) : null;
      case TIME_MICROS ->
          physical == PrimitiveTypeName.INT64 ? ParquetValueDecoder.of(Kind.TIME_MICROS) : null;
      case TIMESTAMP_MILLIS ->
          physical == PrimitiveTypeName.INT64
              ? ParquetValueDecoder.of(Kind.TIMESTAMP_MILLIS)
              : null;
      case TIMESTAMP_MICROS ->
          physical == PrimitiveTypeName.INT64
              ? ParquetValueDecoder.of(Kind.TIMESTAMP_MICROS)
              : null;
      case UINT_8, UINT_16, UINT_32 ->
          physical == PrimitiveTypeName.INT32 ? ParquetValueDecoder.of(Kind.UINT32) : null;
      case UINT_64 ->
          physical == PrimitiveTypeName.INT64 ? ParquetValueDecoder.of(Kind.UINT64) : null;
      default -> null;
    };
  }

  private static ParquetValueDecoder decimal(PrimitiveTypeName physical, int scale) {
    return switch (physical) {
      case INT32 -> new ParquetValueDecoder(Kind.DECIMAL_INT32, scale);
      case INT64 -> new ParquetValueDecoder(Kind.DECIMAL_INT64, scale);
      case BINARY, FIXED_LEN_BYTE_ARRAY -> new ParquetValueDecoder(Kind.DECIMAL_BYTES, scale);
      default -> null;
    };
  }

  private static Kind byUnit(TimeUnit unit, Kind millis, Kind micros, Kind nanos) {
    if (unit.isSetMILLIS()) {
      return millis;
    }
    if (unit.isSetMICROS()) {
      return micros;
    }
    if (unit.isSetNANOS()) {
      return nanos;
    }
    throw new IllegalArgumentException(
        "unknown time unit " + String.valueOf(unit.getSetField()).toLowerCase(Locale.ROOT));
  }
}
