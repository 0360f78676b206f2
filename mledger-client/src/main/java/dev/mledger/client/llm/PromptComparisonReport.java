package dev.mledger.client.llm;

/**
 * The server's paired comparison of prompt versions {@code a} and {@code b} on one evaluation set:
 * {@code Δ = score(a) − score(b)} per example. Statistics are {@code null} where undefined (for
 * example {@code t} when every difference is equal).
 */
public record PromptComparisonReport(
    String a,
    String b,
    String evalSet,
    String score,
    int pairedExamples,
    Double meanA,
    Double meanB,
    Double meanDelta,
    Double standardError,
    Double t,
    Double pValue,
    Double ciLow,
    Double ciHigh,
    Double wilcoxonPValue) {}
