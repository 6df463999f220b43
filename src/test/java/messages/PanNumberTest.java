package messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PanNumberTest {

  @ParameterizedTest(name = "{0} is a PAN")
  @CsvSource({"ABCDE1234F", "FGHIJ5678K", "AAAAA0000A", "ZZZZZ9999Z"})
  void acceptsFiveLettersFourDigitsOneLetter(String candidate) {
    assertThat(PanNumber.isValid(candidate)).isTrue();
    assertThat(new PanNumber(candidate).value()).isEqualTo(candidate);
  }

  @ParameterizedTest(name = "''{0}'' is not a PAN: {1}")
  @CsvSource({
    "abcde1234f,   lower case",
    "Abcde1234F,   mixed case",
    "ABCDE1234f,   lower-case last letter",
    "' ABCDE1234F', leading space",
    "'ABCDE1234F ', trailing space",
    "ABCDE123F,    9 characters",
    "ABCDE12345F,  11 characters with five digits",
    "ABCDEF1234F,  11 characters with six letters",
    "ABCDE1234FG,  11 characters with two final letters",
    "ABCD51234F,   digit among the first five",
    "ABCDE12A4F,   letter among the digits",
    "ABCDE12345,   digit in last place",
    "1BCDE1234F,   digit in first place",
    "ABCDE-1234F,  punctuation",
    "ＡBCDE1234F,   full-width letter",
    "ABCDE१२३४F,   Devanagari digits",
    "'',           empty",
  })
  void refusesAnythingElse(String candidate, String reason) {
    assertThat(PanNumber.isValid(candidate)).isFalse();
    assertThatThrownBy(() -> new PanNumber(candidate)).isInstanceOf(IllegalArgumentException.class);
  }

  static Named<?>[] withWhitespace() {
    return new Named<?>[] {
      Named.of("a trailing newline", "ABCDE1234F\n"),
      Named.of("a trailing CRLF", "ABCDE1234F\r\n"),
      Named.of("a leading tab", "\tABCDE1234F"),
    };
  }

  @ParameterizedTest(name = "a PAN with {0} is not a PAN")
  @MethodSource("withWhitespace")
  void refusesSurroundingControlCharacters(String candidate) {
    assertThat(PanNumber.isValid(candidate)).isFalse();
  }

  @Test
  void nullIsNotAPan() {
    assertThat(PanNumber.isValid(null)).isFalse();
    assertThatThrownBy(() -> new PanNumber(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("value");
  }

  @Test
  void theRefusalDoesNotRevealAnAlmostPan() {
    assertThatThrownBy(() -> new PanNumber("abcde1234f")).hasMessage("Not a PAN: abcde***4f");
  }

  @ParameterizedTest(name = "{0} is shown as {1}")
  @CsvSource({"ABCDE1234F, ABCDE***4F", "FGHIJ5678K, FGHIJ***8K"})
  void toStringIsMasked(String value, String masked) {
    var pan = new PanNumber(value);

    assertThat(pan.toString()).isEqualTo(masked);
    assertThat(pan.masked()).isEqualTo(masked);
    assertThat(pan.value()).isEqualTo(value);
  }
}
