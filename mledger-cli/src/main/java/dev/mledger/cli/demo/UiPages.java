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
    String model = NativeApi.encode(DemoContext.MODEL);
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
            "monitor",
            "drift, alerts and retraining",
            "/monitors/" + NativeApi.encode(r.monitorId()),
            true));
    pages.add(new Page("traces", "LLM traces, latency and cost", "/traces", true));
    pages.add(
        new Page(
            "prompt", "prompt versions", "/prompts/" + NativeApi.encode(LlmTraces.PROMPT), false));
    return List.copyOf(pages);
  }
}
