package dev.mledger.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {

  /** RFC 8785 appendix B: IEEE-754 bit patterns and their canonical form. */
  @ParameterizedTest
  @CsvSource({
    "0000000000000000, 0",
    "8000000000000000, 0",
    "0000000000000001, 5e-324",
    "8000000000000001, -5e-324",
    "7fefffffffffffff, 1.7976931348623157e+308",
    "ffefffffffffffff, -1.7976931348623157e+308",
    "4340000000000000, 9007199254740992",
    "c340000000000000, -9007199254740992",
    "4430000000000000, 295147905179352830000",
    "44b52d02c7e14af5, 9.999999999999997e+22",
    "44b52d02c7e14af6, 1e+23",
    "44b52d02c7e14af7, 1.0000000000000001e+23",
    "444b1ae4d6e2ef4e, 999999999999999700000",
    "444b1ae4d6e2ef4f, 999999999999999900000",
    "444b1ae4d6e2ef50, 1e+21",
    "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
    "3eb0c6f7a0b5ed8d, 0.000001",
    "41b3de4355555553, 333333333.3333332",
    "41b3de4355555554, 333333333.33333325",
    "41b3de4355555555, 333333333.3333333",
    "41b3de4355555556, 333333333.3333334",
    "41b3de4355555557, 333333333.33333343",
    "becbf647612f3696, -0.0000033333333333333333",
    "43143ff3c1cb0959, 1424953923781206.2"
  })
  void rfc8785NumberSamples(String bits, String expected) {
    double v = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
    assertThat(CanonicalJson.formatDouble(v)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"7fffffffffffffff", "7ff0000000000000", "fff0000000000000"})
  void rfc8785RejectsNaNAndInfinity(String bits) {
    double v = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
    assertThatThrownBy(() -> CanonicalJson.write(v))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no representation");
  }

  /** Thousands of doubles against ECMAScript formatting derived from Python's shortest repr. */
  @Test
  void numbersMatchTheEcmascriptOracle() throws IOException {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    try (InputStream in = getClass().getResourceAsStream("/envelope/jcs-numbers.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split(" ");
        double v = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
        String actual = CanonicalJson.formatDouble(v);
        if (!actual.equals(parts[1])) {
          failures.add(parts[0] + ": expected " + parts[1] + ", got " + actual);
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(6000);
    assertThat(failures).isEmpty();
  }

  /** RFC 8785 section 3.2.2 example: the whole input, re-serialized. */
  @Test
  void rfc8785MainExample() {
    String input =
        """
        {
          "numbers": [333333333.33333329, 1E30, 4.50,
                      2e-3, 0.000000000000000000000000001],
          "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
          "literals": [null, true, false]
        }
        """;
    String canonical = CanonicalJson.write(CanonicalJson.parse(input));
    assertThat(canonical)
        .isEqualTo(
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,"
                + "1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    // RFC 8785 section 3.2.4 lists the UTF-8 bytes of exactly this output.
    assertThat(HexFormat.of().formatHex(canonical.getBytes(StandardCharsets.UTF_8)))
        .startsWith("7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d")
        .contains("22737472696e67223a22e282ac245c7530303066");
  }

  /** RFC 8785 section 3.2.3: keys sorted by UTF-16 code units, not code points. */
  @Test
  void rfc8785PropertySorting() {
    String input =
        """
        {
          "\\u20ac": "Euro Sign",
          "\\r": "Carriage Return",
          "\\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\\ud83d\\ude00": "Emoji: Grinning Face",
          "\\u0080": "Control",
          "\\u00f6": "Latin Small Letter O With Diaeresis"
        }
        """;
    Map<?, ?> sorted =
        (Map<?, ?>) CanonicalJson.parse(CanonicalJson.write(CanonicalJson.parse(input)));
    assertThat(new ArrayList<Object>(sorted.values()))
        .containsExactly(
            "Carriage Return",
            "One",
            "Control",
            "Latin Small Letter O With Diaeresis",
            "Euro Sign",
            "Emoji: Grinning Face",
            "Hebrew Letter Dalet With Dagesh");
  }

  @Test
  void controlCharactersUseLowerCaseEscapesAndOthersStayLiteral() {
    assertThat(CanonicalJson.write("a\u0001\u001f\b\f\n\r\t\"\\/é😀"))
        .isEqualTo("\"a\\u0001\\u001f\\b\\f\\n\\r\\t\\\"\\\\/é😀\"");
  }

  @Test
  void integersAreExactBeyondDoublePrecision() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("seed", 9007199254740993L);
    value.put("min", Long.MIN_VALUE);
    value.put("big", new BigInteger("123456789012345678901234567890"));
    value.put("int", 7);
    String json = CanonicalJson.write(value);
    assertThat(json)
        .isEqualTo(
            "{\"big\":123456789012345678901234567890,\"int\":7,"
                + "\"min\":-9223372036854775808,\"seed\":9007199254740993}");
    Map<?, ?> back = (Map<?, ?>) CanonicalJson.parse(json);
    assertThat(back.get("seed")).isEqualTo(9007199254740993L);
    assertThat(back.get("min")).isEqualTo(Long.MIN_VALUE);
    assertThat(back.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
  }

  @Test
  void writingRejectsWhatJsonCannotHold() {
    assertThatThrownBy(() -> CanonicalJson.write(Map.of(1, "x")))
        .hasMessageContaining("keys must be strings");
    assertThatThrownBy(() -> CanonicalJson.write(new Object()))
        .hasMessageContaining("not a JSON value");
    assertThatThrownBy(() -> CanonicalJson.write(1.5f)).hasMessageContaining("not a JSON value");
    assertThatThrownBy(() -> CanonicalJson.write("x\ud800y"))
        .hasMessageContaining("unpaired surrogate at index 1");
    assertThatThrownBy(() -> CanonicalJson.write("\udc00")).hasMessageContaining("unpaired");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":1,} | expected a string key",
        "[1,2,] | unexpected character ']'",
        "{\"a\":1,\"a\":2} | duplicate key \"a\"",
        "01 | unexpected data after the JSON value",
        "1. | digits expected after '.'",
        "1e | digits expected in exponent",
        "-x | invalid number",
        "\"\\x\" | invalid escape",
        "\"\\u12\" | truncated unicode escape",
        "\"\\u12zz\" | invalid unicode escape",
        "\"\\ud800\" | unpaired surrogate",
        "\"abc | unterminated string",
        "tru | invalid literal",
        "1e400 | number out of range",
        "[1] [2] | unexpected data after the JSON value",
        "'a' | unexpected character",
        "'' | unexpected end of input"
      })
  void parsingIsStrict(String text, String message) {
    String json = text.equals("''") ? "" : text;
    assertThatThrownBy(() -> CanonicalJson.parse(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid JSON at offset ")
        .hasMessageContaining(message);
  }

  @Test
  void rawControlCharacterInStringIsRejected() {
    assertThatThrownBy(() -> CanonicalJson.parse("\"a\nb\""))
        .hasMessageContaining("unescaped control character");
  }

  @Test
  void nestingIsBounded() {
    String deep = "[".repeat(300) + "]".repeat(300);
    assertThatThrownBy(() -> CanonicalJson.parse(deep)).hasMessageContaining("nesting deeper");
    String fine = "[".repeat(200) + "]".repeat(200);
    assertThat(CanonicalJson.write(CanonicalJson.parse(fine))).isEqualTo(fine);
  }

  @Test
  void sha256IsOverTheUtf8OfTheCanonicalText() {
    // echo -n '{"a":"é","b":[1,2.5]}' | sha256sum
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("b", List.of(1L, 2.5));
    value.put("a", "é");
    assertThat(CanonicalJson.write(value)).isEqualTo("{\"a\":\"é\",\"b\":[1,2.5]}");
    assertThat(CanonicalJson.sha256(value))
        .isEqualTo(
            CanonicalJson.sha256Hex(
                "{\"a\":\"é\",\"b\":[1,2.5]}".getBytes(StandardCharsets.UTF_8)));
    assertThat(CanonicalJson.sha256Hex(new byte[0]))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Property(tries = 2000)
  void everyFiniteDoubleRoundTrips(@ForAll double v) {
    if (!Double.isFinite(v)) {
      return;
    }
    String text = CanonicalJson.formatDouble(v);
    double back = Double.parseDouble(text);
    assertThat(back == v || (v == 0 && back == 0)).as(text).isTrue();
    assertThat(text.length()).isLessThanOrEqualTo(25);
  }

  @Property(tries = 500)
  void writeIsIdempotentThroughParse(@ForAll String s, @ForAll long n, @ForAll double d) {
    if (!Double.isFinite(d) || hasUnpairedSurrogate(s)) {
      return;
    }
    Map<String, Object> value = new LinkedHashMap<>();
    value.put(s, List.of(n, d, s, Map.of("k", s)));
    value.put("z", null);
    String once = CanonicalJson.write(value);
    assertThat(CanonicalJson.write(CanonicalJson.parse(once))).isEqualTo(once);
  }

  private static boolean hasUnpairedSurrogate(String s) {
    return !s.codePoints().allMatch(cp -> cp < 0xD800 || cp > 0xDFFF);
  }
}
