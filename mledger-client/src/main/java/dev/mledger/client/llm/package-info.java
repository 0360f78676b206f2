/**
 * SDK helpers for LLM and GenAI tracking: {@link dev.mledger.client.llm.LlmClient} for the prompt
 * registry, scores, prices and trace queries, and span logging over OTLP/JSON for code that does
 * not use the OpenTelemetry SDK.
 */
package dev.mledger.client.llm;
