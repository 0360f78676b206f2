package dev.mledger.core.llm;

import dev.mledger.core.error.MledgerException;

/** Who produced an evaluation score. */
public sealed interface ScoreSource {

  /** The wire name of the source type: {@code human}, {@code llm_judge} or {@code code}. */
  String type();

  /** A person, by user name. */
  record Human(String user) implements ScoreSource {
    public Human {
      user = require("human source", "user", user);
    }

    @Override
    public String type() {
      return "human";
    }
  }

  /** An LLM acting as judge; the model and its version make the verdict reproducible. */
  record LlmJudge(String model, String version) implements ScoreSource {
    public LlmJudge {
      model = require("LLM judge source", "model", model);
      version = require("LLM judge source", "version", version);
    }

    @Override
    public String type() {
      return "llm_judge";
    }
  }

  /** A deterministic function, by name (e.g. {@code exact_match}). */
  record Code(String name) implements ScoreSource {
    public Code {
      name = require("code source", "name", name);
    }

    @Override
    public String type() {
      return "code";
    }
  }

  /**
   * Builds a source from its wire form.
   *
   * @param name the user, judge model or function name
   * @param version the judge model's version ({@code llm_judge} only)
   */
  static ScoreSource of(String type, String name, String version) {
    if (type == null) {
      throw MledgerException.invalidParameter(
          "A score needs a source type: human, llm_judge or code.");
    }
    return switch (type) {
      case "human" -> new Human(name);
      case "llm_judge" -> new LlmJudge(name, version);
      case "code" -> new Code(name);
      default ->
          throw MledgerException.invalidParameter(
              "Unknown score source type '" + type + "': use human, llm_judge or code.");
    };
  }

  private static String require(String what, String field, String value) {
    if (value == null || value.isBlank() || value.length() > 256) {
      throw MledgerException.invalidParameter(
          "A " + what + " needs a " + field + " of 1 to 256 characters.");
    }
    return value;
  }
}
