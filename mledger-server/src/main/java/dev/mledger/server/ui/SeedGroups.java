package dev.mledger.server.ui;

import dev.mledger.core.analysis.EffectOptions;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits compared runs into seed groups: runs whose params agree on everything except the seed
 * params of {@link EffectOptions#DEFAULT_SEED_PARAMS} are replicates of one configuration. Groups
 * keep the order in which their first run was given.
 */
record SeedGroups(List<Group> groups) {

  /** One configuration and its replicate runs. */
  record Group(Map<String, String> config, List<Run> runs) {
    /** A short label such as {@code alpha=0.1, model=ridge} (or {@code (no params)}). */
    String label() {
      if (config.isEmpty()) {
        return "(no params)";
      }
      StringBuilder label = new StringBuilder();
      config.forEach(
          (key, value) -> {
            if (label.length() > 0) {
              label.append(", ");
            }
            label.append(key).append('=').append(value);
          });
      return label.toString();
    }
  }

  static SeedGroups of(List<Run> runs) {
    Map<Map<String, String>, List<Run>> byConfig = new LinkedHashMap<>();
    for (Run run : runs) {
      Map<String, String> config = new TreeMap<>();
      for (Param param : run.data().params()) {
        if (!EffectOptions.DEFAULT_SEED_PARAMS.contains(param.key().toLowerCase(Locale.ROOT))) {
          config.put(param.key(), param.value());
        }
      }
      byConfig.computeIfAbsent(config, c -> new ArrayList<>()).add(run);
    }
    List<Group> groups = new ArrayList<>();
    byConfig.forEach((config, members) -> groups.add(new Group(config, List.copyOf(members))));
    return new SeedGroups(List.copyOf(groups));
  }
}
