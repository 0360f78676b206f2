package dev.mledger.core.search;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.search.FilterToken.Kind;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code ('a', 'b')} operand of IN / NOT IN with MLflow's checks and messages. */
final class StringLists {

  private static final String PREFIX = "While parsing a list in the query, ";

  private StringLists() {}

  static List<String> parse(RawOperand.ListLiteral list) {
    List<FilterToken> elements = list.elements();
    if (elements != null && elements.isEmpty()) {
      throw MledgerException.invalidParameter(
          PREFIX + "expected a non-empty list of string values, but got empty list");
    }
    if (elements == null
        || (elements.size() == 1 && (list.trailingComma() || !elements.get(0).is(Kind.STRING)))) {
      throw illFormed();
    }
    List<String> values = new ArrayList<>(elements.size());
    for (FilterToken element : elements) {
      if (!element.is(Kind.STRING)) {
        throw MledgerException.invalidParameter(
            PREFIX
                + "expected string value, punctuation, or whitespace, but got different type in"
                + " list: "
                + list.text());
      }
      String value = PythonStringLiteral.decode(element.text());
      if (value == null) {
        throw illFormed();
      }
      values.add(value);
    }
    return values;
  }

  private static MledgerException illFormed() {
    return MledgerException.invalidParameter(
        PREFIX + "expected a non-empty list of string values, but got ill-formed list.");
  }
}
