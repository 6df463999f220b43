package privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static privacy.PersonalDataCipherTest.NEW_KEY;
import static privacy.PersonalDataCipherTest.OLD_KEY;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyringTest {

  @Test
  void theFirstKeySealsUnlessAnotherIsNamed() {
    var keys = "k2=" + NEW_KEY + ", k1=" + OLD_KEY;

    assertThat(Keyring.parse(keys, null).currentKeyId()).isEqualTo("k2");
    assertThat(Keyring.parse(keys, " ").currentKeyId()).isEqualTo("k2");
    assertThat(Keyring.parse(keys, "k1").currentKeyId()).isEqualTo("k1");
    assertThat(Keyring.parse(keys, null).holds("k1")).isTrue();
    assertThat(Keyring.parse(keys, null).holds("k3")).isFalse();
  }

  @Test
  void aTrailingNewLineFromASecretFileIsIgnored() {
    assertThat(Keyring.parse("k1=" + OLD_KEY + "\n", null).currentKeyId()).isEqualTo("k1");
  }

  @Test
  void itsTextNamesTheKeysButShowsNone() {
    assertThat(Keyring.parse("k1=" + OLD_KEY, null).toString())
        .isEqualTo("Keyring[current=k1, ids=[k1]]");
  }

  @ParameterizedTest(name = "\"{0}\" is refused: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                     | no encryption key is configured",
        "k1                     | each key must be written id=base64",
        "k:1=AAAA               | each key must be written id=base64",
        "=AAAA                  | each key must be written id=base64",
        "k1=***                 | key k1 is not base64",
        "k1=AAAA                | key k1 must be 32 bytes (AES-256), was 3",
      })
  void aMalformedKeyListIsRefused(String spec, String message) {
    assertThatThrownBy(() -> Keyring.parse(spec, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void nullIsNoKeyList() {
    assertThatThrownBy(() -> Keyring.parse(null, null))
        .hasMessage("no encryption key is configured");
  }

  @Test
  void aKeyIdListedTwiceIsRefused() {
    assertThatThrownBy(() -> Keyring.parse("k1=" + OLD_KEY + ",k1=" + NEW_KEY, null))
        .hasMessage("key id k1 is listed twice");
  }

  @Test
  void theCurrentKeyMustBeListed() {
    assertThatThrownBy(() -> Keyring.parse("k1=" + OLD_KEY, "k9"))
        .hasMessage("the current key id k9 is not listed");
  }

  @Test
  void aKeyIdHasAtMost32Characters() {
    var key = Base64.getEncoder().encodeToString(new byte[32]);

    assertThat(Keyring.parse("a".repeat(32) + "=" + key, null).currentKeyId()).hasSize(32);
    assertThatThrownBy(() -> Keyring.parse("a".repeat(33) + "=" + key, null))
        .hasMessageStartingWith("each key must be written id=base64");
  }
}
