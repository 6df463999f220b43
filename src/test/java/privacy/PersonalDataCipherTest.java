package privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataCipherTest {

  static final String OLD_KEY = Base64.getEncoder().encodeToString(new byte[32]);
  static final String NEW_KEY = Base64.getEncoder().encodeToString(filled(7));

  private static final UUID ID = UUID.fromString("6f1c1c1e-0000-4000-8000-000000000001");
  private static final UUID OTHER = UUID.fromString("6f1c1c1e-0000-4000-8000-000000000002");

  private final PersonalDataCipher cipher =
      new PersonalDataCipher(Keyring.parse("k1=" + OLD_KEY, null));

  @Test
  void aSealedValueOpensToWhatWasSealedAndNamesItsKey() {
    var sealed = cipher.seal(SealedField.panNumber(ID), "ABCDE1234F");

    assertThat(sealed).startsWith("k1:").doesNotContain("ABCDE1234F");
    assertThat(cipher.open(SealedField.panNumber(ID), sealed)).isEqualTo("ABCDE1234F");
  }

  @Test
  void everySealingDrawsANewNonce() {
    var field = SealedField.applicantName(ID);

    assertThat(cipher.seal(field, "Rajesh Kumar")).isNotEqualTo(cipher.seal(field, "Rajesh Kumar"));
  }

  @Test
  void textOutsideAsciiSurvives() {
    var field = SealedField.applicantName(ID);

    assertThat(cipher.open(field, cipher.seal(field, "राजेश कुमार"))).isEqualTo("राजेश कुमार");
  }

  @Test
  void aValueSealedForOneApplicationOrFieldDoesNotOpenForAnother() {
    var sealed = cipher.seal(SealedField.panNumber(ID), "ABCDE1234F");

    assertThatThrownBy(() -> cipher.open(SealedField.panNumber(OTHER), sealed))
        .isInstanceOf(SealedValueException.class)
        .hasMessageContaining("sealed for another");
    assertThatThrownBy(() -> cipher.open(SealedField.applicantName(ID), sealed))
        .isInstanceOf(SealedValueException.class);
  }

  @Test
  void anAlteredCiphertextIsRefused() {
    var sealed = cipher.seal(SealedField.panNumber(ID), "ABCDE1234F");
    var bytes = Base64.getDecoder().decode(sealed.substring(3));
    bytes[bytes.length - 1] ^= 1;
    var altered = "k1:" + Base64.getEncoder().encodeToString(bytes);

    assertThatThrownBy(() -> cipher.open(SealedField.panNumber(ID), altered))
        .isInstanceOf(SealedValueException.class)
        .hasMessageContaining("altered");
  }

  @ParameterizedTest(name = "not a sealed value: \"{0}\"")
  @ValueSource(strings = {"", "ABCDE1234F", ":AAAA", "k1:not base64!", "k1:AAAA"})
  void whatIsNotASealedValueIsRefused(String value) {
    assertThatThrownBy(() -> cipher.open(SealedField.panNumber(ID), value))
        .isInstanceOf(SealedValueException.class)
        .hasMessageStartingWith("pan_number");
  }

  @Test
  void nullIsNotASealedValue() {
    assertThatThrownBy(() -> cipher.open(SealedField.panNumber(ID), null))
        .isInstanceOf(SealedValueException.class);
  }

  @Test
  void afterARotationOldValuesStillOpenAndNewOnesUseTheNewKey() {
    var old = cipher.seal(SealedField.panNumber(ID), "ABCDE1234F");
    var rotated = new PersonalDataCipher(Keyring.parse("k2=" + NEW_KEY + ",k1=" + OLD_KEY, null));

    var fresh = rotated.seal(SealedField.panNumber(ID), "ABCDE1234F");

    assertThat(rotated.open(SealedField.panNumber(ID), old)).isEqualTo("ABCDE1234F");
    assertThat(fresh).startsWith("k2:");
    assertThat(rotated.sealedWithOlderKey(old)).isTrue();
    assertThat(rotated.sealedWithOlderKey(fresh)).isFalse();
    assertThat(rotated.sealedWithOlderKey(null)).isFalse();
  }

  @Test
  void aValueSealedWithAKeyNoLongerConfiguredIsRefused() {
    var rotated = new PersonalDataCipher(Keyring.parse("k2=" + NEW_KEY, null));
    var old = cipher.seal(SealedField.panNumber(ID), "ABCDE1234F");

    assertThatThrownBy(() -> rotated.open(SealedField.panNumber(ID), old))
        .isInstanceOf(SealedValueException.class)
        .hasMessage("no key with id k1 is configured");
  }

  @Test
  void aDeadLetterPayloadIsBoundToItsTopic() {
    var sealed = cipher.seal(SealedField.deadLetterPayload("submitted"), "{\"a\":1}");

    assertThat(cipher.open(SealedField.deadLetterPayload("submitted"), sealed))
        .isEqualTo("{\"a\":1}");
    assertThatThrownBy(() -> cipher.open(SealedField.deadLetterPayload("reports"), sealed))
        .isInstanceOf(SealedValueException.class);
  }

  static byte[] filled(int value) {
    var bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
