package dev.mledger.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageTokenTest {

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void encodesLikeMlflow() {
    // Python: base64.b64encode(json.dumps({"offset": 100}).encode("utf-8"))
    assertThat(PageToken.encode(100)).isEqualTo("eyJvZmZzZXQiOiAxMDB9");
    assertThat(PageToken.encode(1)).isEqualTo(b64("{\"offset\": 1}"));
  }

  @Test
  void decodesWhatItEncodes() {
    for (int offset : new int[] {1, 2, 999, 50_000, Integer.MAX_VALUE}) {
      assertThat(PageToken.decode(PageToken.encode(offset))).isEqualTo(offset);
    }
  }

  @Test
  void missingTokenIsTheFirstPage() {
    assertThat(PageToken.decode(null)).isZero();
    assertThat(PageToken.decode("")).isZero();
  }

  @Test
  void decodesTokensPythonWouldAccept() {
    assertThat(PageToken.decode(b64("{\"offset\":\"12\"}"))).isEqualTo(12);
    assertThat(PageToken.decode(b64("{\"offset\": 7.9}"))).isEqualTo(7);
    assertThat(PageToken.decode(b64("{\"offset\": 3, \"extra\": [1]}"))).isEqualTo(3);
    // Characters outside the base64 alphabet are skipped by Python's non-strict decoder.
    assertThat(PageToken.decode("eyJvZmZz\nZXQiOiAxMDB9")).isEqualTo(100);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not base64|Invalid page token, could not base64-decode",
        "abcde|Invalid page token, could not base64-decode",
        "é|Invalid page token, could not base64-decode",
      })
  void rejectsNonBase64(String token, String message) {
    assertThatThrownBy(() -> PageToken.decode(token))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessage(message);
  }

  @Test
  void rejectsMalformedContentWithMlflowMessages() {
    assertThatThrownBy(() -> PageToken.decode(b64("not json")))
        .hasMessage("Invalid page token, decoded value=b'not json'");
    assertThatThrownBy(() -> PageToken.decode(b64("{}")))
        .hasMessage("Invalid page token, parsed value={}");
    assertThatThrownBy(() -> PageToken.decode(b64("{\"offsoot\": 7}")))
        .hasMessage("Invalid page token, parsed value={'offsoot': 7}");
    assertThatThrownBy(() -> PageToken.decode(b64("{\"offset\": 0}")))
        .hasMessage("Invalid page token, parsed value={'offset': 0}");
    assertThatThrownBy(() -> PageToken.decode(b64("{\"offset\": \"a\"}")))
        .hasMessage("Invalid page token, not stringable a");
    assertThatThrownBy(() -> PageToken.decode(b64("[1]")))
        .hasMessage("Invalid page token, parsed value=[1]");
    assertThatThrownBy(() -> PageToken.decode(b64("{\"offset\": -4}")))
        .hasMessage("Invalid page token, parsed value={'offset': -4}");
    assertThatThrownBy(() -> PageToken.decode(b64("{\"offset\": 99999999999}")))
        .hasMessageStartingWith("Invalid page token");
  }
}
