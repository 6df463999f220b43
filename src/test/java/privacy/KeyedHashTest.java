package privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyedHashTest {

  private final KeyedHash hash = new KeyedHash(PersonalDataCipherTest.filled(1));

  @Test
  void aPanHashesTheSameHoweverItIsSpelled() {
    assertThat(hash.ofPan(" abcde1234f ")).isEqualTo(hash.ofPan("ABCDE1234F")).hasSize(64);
    assertThat(hash.ofPan("ABCDE1234F")).isNotEqualTo(hash.ofPan("ABCDE1234G"));
  }

  @Test
  void anotherKeyGivesAnotherHash() {
    assertThat(new KeyedHash(PersonalDataCipherTest.filled(2)).ofPan("ABCDE1234F"))
        .isNotEqualTo(hash.ofPan("ABCDE1234F"));
  }

  @Test
  void valuesAreNotRunTogether() {
    assertThat(hash.of(List.of("ab", "c"))).isNotEqualTo(hash.of(List.of("a", "bc")));
    assertThat(hash.of(List.of("ab", "c"))).isEqualTo(hash.of(List.of("ab", "c")));
  }

  @Test
  void aShortKeyIsRefused() {
    assertThatThrownBy(() -> new KeyedHash(new byte[31]))
        .hasMessage("the look-up key must be at least 32 bytes, was 31");
  }
}
