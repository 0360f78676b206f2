package dev.mledger.core.search;

/** The comparison operators of MLflow's search grammar. */
public enum Comparator {
  EQ("="),
  NEQ("!="),
  GT(">"),
  GTE(">="),
  LT("<"),
  LTE("<="),
  LIKE("LIKE"),
  ILIKE("ILIKE"),
  IN("IN"),
  NOT_IN("NOT IN");

  private final String symbol;

  Comparator(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as written in a filter string. */
  public String symbol() {
    return symbol;
  }
}
