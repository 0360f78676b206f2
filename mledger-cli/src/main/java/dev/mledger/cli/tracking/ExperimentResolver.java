package dev.mledger.cli.tracking;

import dev.mledger.client.MledgerClient;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.Experiment;
import dev.mledger.core.tracking.ViewType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds experiments from what users type: an id or a name. A value made of digits is tried as an id
 * first (ids are numeric), then as a name; any other value is a name.
 */
public final class ExperimentResolver {
  private static final Pattern ID = Pattern.compile("\\d+");

  private ExperimentResolver() {}

  /**
   * The experiment named or numbered {@code nameOrId}, active or deleted.
   *
   * @throws MledgerException RESOURCE_DOES_NOT_EXIST when there is none
   */
  public static Experiment resolve(MledgerClient client, String nameOrId) {
    String value = nameOrId.strip();
    if (ID.matcher(value).matches()) {
      try {
        return client.getExperiment(value);
      } catch (MledgerException e) {
        if (e.code() != ErrorCode.RESOURCE_DOES_NOT_EXIST) {
          throw e;
        }
      }
    }
    Optional<Experiment> byName = client.getExperimentByName(value);
    return byName.orElseThrow(
        () -> MledgerException.notFound("No experiment with name or id '" + value + "'."));
  }

  /**
   * The ids of the given experiments, in order and without duplicates; every active experiment when
   * none is given.
   */
  public static List<String> resolveIds(MledgerClient client, List<String> namesOrIds) {
    if (namesOrIds == null || namesOrIds.isEmpty()) {
      return client
          .searchAllExperiments(null, ViewType.ACTIVE_ONLY, List.of())
          .map(Experiment::experimentId)
          .toList();
    }
    Set<String> ids = new LinkedHashSet<>();
    for (String nameOrId : namesOrIds) {
      ids.add(resolve(client, nameOrId).experimentId());
    }
    return List.copyOf(ids);
  }
}
