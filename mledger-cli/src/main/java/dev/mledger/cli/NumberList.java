package dev.mledger.cli;

import java.util.ArrayList;
import java.util.List;

/** Parses the comma- or space-separated number lists that statistics commands take. */
final class NumberList {
  private NumberList() {}

  static double[] parse(String option, String text) {
    if (text == null || text.isBlank()) {
      throw new CliException(
          option + " needs at least one number, e.g. " + option + " 0.71,0.73", 2);
    }
    List<Double> values = new ArrayList<>();
    for (String token : text.trim().split("[,\\s]+")) {
      if (token.isEmpty()) {
        continue;
      }
      try {
        values.add(Double.parseDouble(token));
      } catch (NumberFormatException e) {
        throw new CliException(option + ": '" + token + "' is not a number", 2);
      }
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
