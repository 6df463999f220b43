package privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 under its own key, for what must be compared without being stored: the look-up hash
 * of a PAN, and the fingerprint of a form beside its Idempotency-Key. A plain SHA-256 of a PAN
 * would not do: there are few enough PANs to hash them all.
 */
public final class KeyedHash {

  private static final String ALGORITHM = "HmacSHA256";
  static final int MIN_KEY_BYTES = 32;

  private final SecretKeySpec key;

  public KeyedHash(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the look-up key must be at least " + MIN_KEY_BYTES + " bytes, was " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /** The look-up hash of a PAN, normalised (trimmed, upper case) so that any spelling finds it. */
  public String ofPan(String panNumber) {
    return of(List.of(panNumber.trim().toUpperCase(Locale.ROOT)));
  }

  /** A hash of the values in order; each is prefixed by its length, so no two lists collide. */
  public String of(List<String> values) {
    var mac = mac();
    for (var value : values) {
      var bytes = value.getBytes(StandardCharsets.UTF_8);
      mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
      mac.update(bytes);
    }
    return HexFormat.of().formatHex(mac.doFinal());
  }

  private Mac mac() {
    try {
      var mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is available on every Java platform", e);
    }
  }
}
