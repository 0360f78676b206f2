package dev.mledger.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.RunTag;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class TrackingValidationPropertiesTest {

  @Property(tries = 500)
  void keyValidationOnlyEverRejectsWithInvalidParameter(@ForAll String key) {
    for (Runnable check :
        new Runnable[] {
          () -> TrackingValidation.validateMetricKey(key),
          () -> TrackingValidation.validateParamKey(key),
          () -> TrackingValidation.validateTagKey(key),
          () -> TrackingValidation.validateRunId(key),
          () -> TrackingValidation.validateExperimentName(key)
        }) {
      try {
        check.run();
      } catch (MledgerException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
      }
    }
  }

  @Property(tries = 200)
  void truncatedValuesKeepAPrefixWithinTheLimit(
      @ForAll @StringLength(min = 5990, max = 6010) String value) {
    Param stored = TrackingValidation.validateParam(new Param("p", value));
    int length = stored.value().codePointCount(0, stored.value().length());
    assertThat(length).isLessThanOrEqualTo(TrackingValidation.MAX_PARAM_VAL_LENGTH);
    assertThat(value).startsWith(stored.value());
    RunTag tag = TrackingValidation.validateRunTag(new RunTag("t", value));
    assertThat(tag.value()).isEqualTo(value);
  }

  @Property(tries = 300)
  void normpathIsIdempotent(@ForAll String path) {
    String once = PythonFormat.normpath(path);
    assertThat(PythonFormat.normpath(once)).isEqualTo(once);
  }
}
