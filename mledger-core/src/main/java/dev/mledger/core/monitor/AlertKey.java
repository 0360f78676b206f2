package dev.mledger.core.monitor;

/** What an alert is about: a feature ({@link Statistic#WINDOW} for the window) and a statistic. */
public record AlertKey(String feature, Statistic statistic) {
  @Override
  public String toString() {
    return feature + "/" + statistic.jsonName();
  }
}
