/** Storage of LLM and GenAI tracking data: prompts, spans and traces, scores and model prices. */
package dev.mledger.store.llm;
