package dev.mledger.store.audit;

import dev.mledger.core.audit.AuditEvent;
import java.util.Objects;

/**
 * The audit entry one unit of work (an HTTP request, say) stands for, bound to the current thread.
 *
 * <p>The stores of audited areas (model registry, promotion gates, datasets) append audit entries
 * inside the transaction of the mutation itself, so a mutation is never committed without its entry
 * and a failed append rolls the mutation back. While a scope is open, the first mutation committed
 * on this thread appends the scope's {@link #event()} and later mutations in the same scope append
 * nothing: one request is one entry, and there is an entry exactly when something was changed.
 * Without a scope, every mutation appends the store's own description of it (action such as {@code
 * registry.alias.set}, the actor it was given).
 *
 * <pre>{@code
 * try (AuditScope scope = AuditScope.open(event)) {
 *   registry.setAlias(...);   // appends `event` in the alias change's transaction
 *   decisions.recordPromotion(...);  // part of the same audited request: no second entry
 * }
 * }</pre>
 *
 * Scopes nest: closing one restores the scope that was open before it.
 */
public final class AuditScope implements AutoCloseable {
  private static final ThreadLocal<AuditScope> CURRENT = new ThreadLocal<>();

  private final AuditEvent event;
  private final AuditScope outer;
  private final Thread owner;
  private boolean closed;

  private AuditScope(AuditEvent event, AuditScope outer) {
    this.event = Objects.requireNonNull(event, "event");
    this.outer = outer;
    this.owner = Thread.currentThread();
  }

  /** Binds {@code event} to the current thread until the returned scope is closed. */
  public static AuditScope open(AuditEvent event) {
    AuditScope scope = new AuditScope(event, CURRENT.get());
    CURRENT.set(scope);
    return scope;
  }

  /** The scope open on the current thread, or {@code null}. */
  public static AuditScope current() {
    return CURRENT.get();
  }

  /**
   * Unbinds whatever scope is open on the current thread, for a thread pool about to run unrelated
   * work (a request that did not close its scope must not lend its actor to the next one).
   */
  public static void clear() {
    CURRENT.remove();
  }

  /** The entry this scope records for its first committed mutation. */
  public AuditEvent event() {
    return event;
  }

  /** Unbinds the scope, restoring the one open before it; idempotent. */
  @Override
  public void close() {
    if (closed || Thread.currentThread() != owner) {
      return;
    }
    closed = true;
    if (CURRENT.get() == this) {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }
}
