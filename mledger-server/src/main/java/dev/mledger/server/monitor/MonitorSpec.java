package dev.mledger.server.monitor;

import dev.mledger.core.monitor.AlertPolicy;
import dev.mledger.core.monitor.MonitorDefinition;

/**
 * A monitor's parsed configuration.
 *
 * @param webhookUrl where alert transitions are POSTed, or {@code null}
 * @param webhookSecret the signing key, or {@code null} for unsigned deliveries
 */
record MonitorSpec(
    MonitorDefinition definition, AlertPolicy policy, String webhookUrl, String webhookSecret) {}
