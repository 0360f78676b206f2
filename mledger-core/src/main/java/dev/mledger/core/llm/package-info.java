/**
 * LLM and GenAI tracking, pure domain logic: the prompt registry model (prompts, immutable versions
 * with {@code {{variable}}} templates, aliases and {@code prompts:/} URIs), the trace and span
 * model with tree assembly, the OpenTelemetry GenAI semantic conventions and mledger's own
 * attributes, aggregates (tokens, latency quantiles, cost from a price table), evaluation scores
 * and the paired comparison of two prompt versions on one evaluation set.
 */
package dev.mledger.core.llm;
