package dev.mledger.core.dataset;

import dev.mledger.core.error.MledgerException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dataset version label {@code MAJOR.MINOR.PATCH} (semantic versioning without pre-release or
 * build parts: dataset versions are immutable releases). Ordered numerically.
 */
public record SemanticVersion(int major, int minor, int patch)
    implements Comparable<SemanticVersion> {
  private static final Pattern FORMAT =
      Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})");

  /** The version of a dataset's first snapshot when none is given. */
  public static final SemanticVersion INITIAL = new SemanticVersion(1, 0, 0);

  public SemanticVersion {
    if (major < 0 || minor < 0 || patch < 0) {
      throw MledgerException.invalidParameter("version parts must not be negative");
    }
    if (major == 0 && minor == 0 && patch == 0) {
      throw MledgerException.invalidParameter("version 0.0.0 is not a release");
    }
  }

  /**
   * Parses {@code 1.2.0}; a leading {@code v} is accepted ({@code v1.2.0}).
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for anything else
   */
  public static SemanticVersion parse(String text) {
    String s = text == null ? "" : text.trim();
    if (s.startsWith("v")) {
      s = s.substring(1);
    }
    Matcher m = FORMAT.matcher(s);
    if (!m.matches()) {
      throw MledgerException.invalidParameter(
          "invalid version '" + text + "': expected MAJOR.MINOR.PATCH such as 1.2.0");
    }
    return new SemanticVersion(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }

  /** The next version: the bumped part incremented, the parts after it reset to zero. */
  public SemanticVersion bump(VersionBump bump) {
    return switch (bump) {
      case MAJOR -> new SemanticVersion(major + 1, 0, 0);
      case MINOR -> new SemanticVersion(major, minor + 1, 0);
      case PATCH -> new SemanticVersion(major, minor, patch + 1);
    };
  }

  @Override
  public int compareTo(SemanticVersion o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    return c == 0 ? Integer.compare(patch, o.patch) : c;
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
