package dev.mledger.core.dataset;

import dev.mledger.core.error.MledgerException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in contract files: {@code 30s}, {@code 15m}, {@code 12h}, {@code 7d}, {@code
 * 2w}, or ISO-8601 such as {@code P7D} / {@code PT12H}.
 */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*([smhdw])");

  private Durations() {}

  /** Parses {@code text}; INVALID_PARAMETER_VALUE otherwise. */
  public static Duration parse(String text) {
    String s = text == null ? "" : text.trim();
    Matcher m = SHORT.matcher(s);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      };
    }
    try {
      return Duration.parse(s);
    } catch (DateTimeParseException e) {
      throw MledgerException.invalidParameter(
          "invalid duration '" + text + "': use 30s, 15m, 12h, 7d, 2w or ISO-8601 like P7D");
    }
  }

  /** A short human form: {@code 3d 4h}, {@code 12m}, {@code 5s}. */
  public static String format(Duration d) {
    long s = Math.max(0, d.getSeconds());
    long days = s / 86_400;
    long hours = (s % 86_400) / 3_600;
    long minutes = (s % 3_600) / 60;
    if (days > 0) {
      return hours > 0 ? days + "d " + hours + "h" : days + "d";
    }
    if (hours > 0) {
      return minutes > 0 ? hours + "h " + minutes + "m" : hours + "h";
    }
    return minutes > 0 ? minutes + "m" : s + "s";
  }
}
