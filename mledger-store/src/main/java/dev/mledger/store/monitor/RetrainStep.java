package dev.mledger.store.monitor;

/**
 * One recorded step of a retraining attempt (for example {@code triggered}, {@code launched},
 * {@code run_linked}, {@code gate_evaluated}, {@code promoted}, {@code kept}, {@code failed}).
 *
 * @param ordinal the step's position within its attempt, from 1
 * @param detail a JSON document describing the step
 */
public record RetrainStep(
    String id,
    String monitorId,
    String attemptId,
    int ordinal,
    String step,
    String detail,
    long createdTime) {}
