/**
 * Production monitoring: monitor definitions, events, windowed drift reports against a reference
 * profile, alert policies with an alert state machine, slice analysis, threshold tuning, root-cause
 * ranking and the retraining control loop. Pure Java; statistics come from {@code core.drift} and
 * {@code core.stats}.
 */
package dev.mledger.core.monitor;
