package dev.mledger.store.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Accumulates SQL text and its positional arguments side by side, so that dynamically built queries
 * bind every user-supplied value instead of splicing it into the text.
 */
final class SqlWriter {
  private final StringBuilder text = new StringBuilder();
  private final List<Object> args = new ArrayList<>();

  SqlWriter append(String sql) {
    text.append(sql);
    return this;
  }

  /** Appends {@code sql}, which holds exactly one {@code ?}, and binds {@code arg} to it. */
  SqlWriter append(String sql, Object arg) {
    text.append(sql);
    args.add(arg);
    return this;
  }

  /** Appends one placeholder bound to {@code arg}. */
  SqlWriter param(Object arg) {
    return append("?", arg);
  }

  /** Appends {@code (?, ?, ...)} bound to {@code values}; an empty list yields {@code (NULL)}. */
  SqlWriter paramList(Collection<?> values) {
    if (values.isEmpty()) {
      // "x IN (NULL)" is never true and "x NOT IN (NULL)" never true either, matching nothing;
      // callers handle empty lists explicitly where the distinction matters.
      return append("(NULL)");
    }
    text.append('(');
    boolean first = true;
    for (Object value : values) {
      if (!first) {
        text.append(", ");
      }
      text.append('?');
      args.add(value);
      first = false;
    }
    text.append(')');
    return this;
  }

  String sql() {
    return text.toString();
  }

  List<Object> args() {
    return List.copyOf(args);
  }

  @Override
  public String toString() {
    return text + " " + args;
  }
}
