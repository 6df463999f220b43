package privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals personal data with AES-256-GCM: {@code keyId:base64(nonce ‖ ciphertext ‖ tag)}, a random
 * 96-bit nonce per value. The {@link SealedField} is authenticated with it, so a sealed PAN cannot
 * be passed off as another application's, or as a name, by copying it across rows or fields.
 */
public final class PersonalDataCipher {

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Keyring keyring;
  private final SecureRandom random = new SecureRandom();

  public PersonalDataCipher(Keyring keyring) {
    this.keyring = keyring;
  }

  public String seal(SealedField field, String plaintext) {
    var keyId = keyring.currentKeyId();
    var nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      var cipher = cipher(Cipher.ENCRYPT_MODE, keyId, nonce, field);
      var sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      var out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
      return keyId + ":" + Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is available on every Java platform", e);
    }
  }

  public String open(SealedField field, String sealed) {
    var separator = sealed == null ? -1 : sealed.indexOf(':');
    if (separator < 1) {
      throw new SealedValueException(field.name() + " is not a sealed value");
    }
    var keyId = sealed.substring(0, separator);
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(sealed.substring(separator + 1));
    } catch (IllegalArgumentException e) {
      throw new SealedValueException(field.name() + " is not a sealed value");
    }
    if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SealedValueException(field.name() + " is too short to be a sealed value");
    }
    try {
      var cipher = cipher(Cipher.DECRYPT_MODE, keyId, Arrays.copyOf(bytes, NONCE_BYTES), field);
      var plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new SealedValueException(
          field.name() + " was altered, or sealed for another field or application");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is available on every Java platform", e);
    }
  }

  /** Whether {@code sealed} was sealed with an older key than the one that seals now. */
  public boolean sealedWithOlderKey(String sealed) {
    return sealed != null && !sealed.startsWith(keyring.currentKeyId() + ":");
  }

  private Cipher cipher(int mode, String keyId, byte[] nonce, SealedField field)
      throws GeneralSecurityException {
    var cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(
        mode, new SecretKeySpec(keyring.key(keyId), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(field.associatedData());
    return cipher;
  }
}
