package dev.mledger.core.series;

/** One point of a numeric series, for example a metric value ({@code y}) at a step ({@code x}). */
public record SeriesPoint(double x, double y) {}
