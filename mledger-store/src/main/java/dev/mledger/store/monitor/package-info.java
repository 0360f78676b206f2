/** Storage of monitors, their event log, window reports, alerts, deliveries and retrain steps. */
package dev.mledger.store.monitor;
