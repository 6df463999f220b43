package web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CorrelationIdsTest {

  private static final String UUID_FORMAT =
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  @ParameterizedTest(name = "''{0}'' is kept")
  @CsvSource({
    "a",
    "Z",
    "7",
    "req-42",
    "trace.id_v2:span-7",
    "._:-",
    "6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b",
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._",
  })
  void keepsASafeCorrelationId(String supplied) {
    assertThat(CorrelationIds.acceptOrGenerate(supplied)).isEqualTo(supplied);
  }

  @ParameterizedTest(name = "{0} characters are {1}")
  @CsvSource({"1, kept", "63, kept", "64, kept", "65, replaced", "200, replaced"})
  void acceptsAtMost64Characters(int length, String outcome) {
    var supplied = "x".repeat(length);

    var result = CorrelationIds.acceptOrGenerate(supplied);

    if (outcome.equals("kept")) {
      assertThat(result).isEqualTo(supplied);
    } else {
      assertThat(result).matches(UUID_FORMAT);
    }
  }

  static Named<?>[] unsafe() {
    return new Named<?>[] {
      Named.of("null", null),
      Named.of("empty", ""),
      Named.of("a space", "req 42"),
      Named.of("a newline", "req-42\n"),
      Named.of("a log-forging newline", "req-42\n{\"level\":\"ERROR\"}"),
      Named.of("a carriage return", "req-42\r"),
      Named.of("a tab", "req\t42"),
      Named.of("a double quote", "req\"42"),
      Named.of("a single quote", "req'42"),
      Named.of("a brace", "{req-42}"),
      Named.of("a slash", "req/42"),
      Named.of("a non-ASCII letter", "réq-42"),
      Named.of("a PAN in it", "req-ABCDE1234F"),
    };
  }

  @ParameterizedTest(name = "an id with {0} is replaced by a new UUID")
  @MethodSource("unsafe")
  void replacesAnUnsafeCorrelationId(String supplied) {
    var result = CorrelationIds.acceptOrGenerate(supplied);

    assertThat(result).matches(UUID_FORMAT).isNotEqualTo(supplied);
    assertThat(UUID.fromString(result).toString()).isEqualTo(result);
  }

  @ParameterizedTest(name = "each replacement for {0} is fresh")
  @MethodSource("unsafe")
  void generatesADifferentIdEachTime(String supplied) {
    assertThat(CorrelationIds.acceptOrGenerate(supplied))
        .isNotEqualTo(CorrelationIds.acceptOrGenerate(supplied));
  }
}
