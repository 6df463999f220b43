package application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdempotencyKeyTest {

  @ParameterizedTest(name = "{0} is a key")
  @CsvSource({
    "a UUID,                3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "a ULID,                01ARZ3NDEKTSV4RRFFQ69G5FAV",
    "base64url,             dGhpcy1pcy1hLWtleQ_-",
    "a prefixed id,         order:42.attempt_1",
    "one character,         k",
  })
  void acceptedKeyIsKeptAsGiven(String description, String key) {
    assertThat(IdempotencyKey.parse(key).value()).isEqualTo(key);
  }

  @ParameterizedTest(name = "{0} is refused, naming the header")
  @CsvSource(
      quoteCharacter = '"',
      value = {
        "empty,                 \"\"",
        "a space inside,        \"order 42\"",
        "a leading space,       \" order42\"",
        "a slash,               a/b",
        "base64 padding,        abc=",
        "a comma (two headers), \"a, b\"",
        "a non-ASCII letter,    ключ",
      })
  void refusedKeyIsAValidationErrorOnTheHeader(String description, String key) {
    var errors =
        assertThatExceptionOfType(InvalidApplicationException.class)
            .isThrownBy(() -> IdempotencyKey.parse(key))
            .actual()
            .errors();

    assertThat(errors).extracting(FieldError::field).containsExactly("Idempotency-Key");
  }

  @Test
  void keyIsAtMost128Characters() {
    assertThat(IdempotencyKey.parse("k".repeat(128)).value()).hasSize(128);
    assertThatExceptionOfType(InvalidApplicationException.class)
        .isThrownBy(() -> IdempotencyKey.parse("k".repeat(129)));
  }

  @Test
  void requestWithoutTheHeaderHasNoKey() {
    assertThat(IdempotencyKey.parse(null)).isNull();
  }
}
