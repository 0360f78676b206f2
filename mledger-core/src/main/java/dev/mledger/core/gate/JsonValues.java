package dev.mledger.core.gate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings evidence values into the JSON value model of {@link
 * dev.mledger.core.envelope.CanonicalJson}, so that a decision reads back equal to what was
 * written: integers, and doubles with an integral value up to 2<sup>53</sup>, become {@link Long}
 * (canonical JSON prints {@code 200.0} as {@code 200}), other numbers {@link Double}, non-finite
 * doubles their Java names as strings ({@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, as
 * MLflow's proto JSON does), maps and lists unmodifiable copies.
 */
final class JsonValues {
  private static final double MAX_EXACT_INTEGER = 0x1p53;

  private JsonValues() {}

  static Object normalize(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (value instanceof Number number) {
      double d = value instanceof BigDecimal decimal ? decimal.doubleValue() : number.doubleValue();
      if (!Double.isFinite(d)) {
        return Double.toString(d);
      }
      // Canonical JSON prints integral doubles without a fraction, so they read back as integers.
      return d == Math.rint(d) && Math.abs(d) <= MAX_EXACT_INTEGER ? (Object) (long) d : (Object) d;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        copy.put(String.valueOf(entry.getKey()), normalize(entry.getValue()));
      }
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object element : list) {
        copy.add(normalize(element));
      }
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> normalizeObject(Map<String, ?> map) {
    return (Map<String, Object>) normalize(map);
  }
}
