package dev.mledger.core.monitor;

/**
 * Model performance over the labelled events of a window.
 *
 * @param labelled events carrying both a prediction and a label
 * @param accuracy share of exact matches (categorical predictions), else {@code null}
 * @param mae mean absolute error (numeric predictions), else {@code null}
 * @param rmse root mean squared error (numeric predictions), else {@code null}
 */
public record Performance(long labelled, Double accuracy, Double mae, Double rmse) {}
