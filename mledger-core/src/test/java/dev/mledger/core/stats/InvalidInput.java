package dev.mledger.core.stats;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts the user-facing error contract for bad input. */
final class InvalidInput {
  private InvalidInput() {}

  static void assertRejected(ThrowingCallable call, String messageFragment) {
    assertThatThrownBy(call)
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining(messageFragment)
        .extracting(e -> ((MledgerException) e).code())
        .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
  }
}
