package dev.mledger.cli.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The web UI pages that show the demo's results, as deep links ({@code /ui/#/...}). The demo prints
 * the highlighted ones; the browser test visits all of them. Add a page here when the UI gains one.
 */
final class UiPages {
  private UiPages() {}

  /**
   * One page.
   *
   * @param name a short file-name-safe name (screenshots are named after it)
   * @param title what the demo prints next to the link
   * @param route the hash route without {@code #}
   * @param highlight whether the demo prints it at the end
   */
  record Page(String name, String title, String route, boolean highlight) {
    String url(String baseUrl) {
      return baseUrl + "/ui/#" + route;
    }
  }

  static List<Page> of(DemoScenario.Result r) {
    String model = DemoApi.encode(DemoContext.MODEL);
    List<Page> pages = new ArrayList<>();
    pages.add(new Page("experiments", "experiments", "/experiments", false));
    pages.add(new Page("runs", "runs of the sweep", "/experiments/" + r.experimentId(), true));
    pages.add(
        new Page(
            "compare",
            "compare the seeds (mean ± CI)",
            "/compare?metric=test_r2&runs=" + String.join(",", r.compareRunIds()),
            true));
    pages.add(new Page("run", "best run", "/runs/" + r.compareRunIds().get(0), false));
    pages.add(new Page("models", "models", "/models", false));
    pages.add(new Page("model", "model, gates and aliases", "/models/" + model, true));
    pages.add(new Page("monitors", "monitors", "/monitors", false));
    pages.add(
        new Page(
            "monitor", "monitor: drift, alerts, retraining", "/monitors/" + r.monitorId(), true));
    pages.add(new Page("traces", "LLM traces", "/traces", true));
    pages.add(new Page("trace", "one trace", "/traces/" + r.traceIds().get(0), false));
    pages.add(new Page("prompts", "prompts", "/prompts", false));
    pages.add(
        new Page(
            "prompt", "the demo's prompt", "/prompts/" + DemoApi.encode(LlmTraces.PROMPT), false));
    pages.add(new Page("datasets", "datasets", "/datasets", false));
    pages.add(
        new Page(
            "dataset", "dataset versions and profile", "/datasets/" + DemoContext.FEATURES, true));
    pages.add(
        new Page(
            "dataset-diff",
            "features v1 vs v2",
            "/datasets/" + DemoContext.FEATURES + "/diff?from=1.0.0&to=1.1.0",
            false));
    pages.add(
        new Page(
            "lineage",
            "lineage of the champion",
            "/lineage?direction=upstream&depth=12&node="
                + DemoApi.encode("model:" + DemoContext.MODEL + "/" + r.championVersion()),
            true));
    pages.add(new Page("audit", "audit log", "/audit", false));
    return List.copyOf(pages);
  }
}
