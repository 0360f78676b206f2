package dev.mledger.core.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code shlex.split} (POSIX mode, no comments), which MLflow uses to separate an order-by
 * key from its direction: quotes group and disappear, backslash escapes outside quotes and, inside
 * double quotes, before {@code "} or {@code \}.
 */
final class ShellWords {

  private ShellWords() {}

  /** The words of {@code s}, or null where shlex raises (unclosed quote, trailing backslash). */
  static List<String> split(String s) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '\\') {
        if (i + 1 >= n) {
          return null;
        }
        word.append(s.charAt(i + 1));
        inWord = true;
        i += 2;
      } else if (c == '\'' || c == '"') {
        int close = i + 1;
        inWord = true;
        while (true) {
          if (close >= n) {
            return null;
          }
          char d = s.charAt(close);
          if (d == c) {
            break;
          }
          if (c == '"' && d == '\\' && close + 1 < n) {
            char e = s.charAt(close + 1);
            if (e == '"' || e == '\\') {
              word.append(e);
              close += 2;
              continue;
            }
          }
          word.append(d);
          close++;
        }
        i = close + 1;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
