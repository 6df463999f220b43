package privacy;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The AES-256 keys personal data is sealed with, by key id: {@link #currentKeyId()} seals, every
 * key still listed opens. Written as {@code id=base64,id=base64} (the first is current unless
 * named), so a rotation adds a key in front and keeps the old ones until nothing sealed with them
 * is left.
 */
public final class Keyring {

  /** Key ids are stored beside each ciphertext, before a colon: letters, digits, {@code _-}. */
  static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  static final int KEY_BYTES = 32;

  private final Map<String, byte[]> keys;
  private final String currentKeyId;

  private Keyring(Map<String, byte[]> keys, String currentKeyId) {
    this.keys = keys;
    this.currentKeyId = currentKeyId;
  }

  /**
   * Parses {@code id=base64[,id=base64…]}; {@code currentKeyId}, when not blank, names the key that
   * seals, otherwise the first listed does.
   */
  public static Keyring parse(String spec, String currentKeyId) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("no encryption key is configured");
    }
    var keys = new LinkedHashMap<String, byte[]>();
    for (var entry : spec.split(",", -1)) {
      var parts = entry.trim().split("=", 2);
      if (parts.length != 2 || !KEY_ID.matcher(parts[0]).matches()) {
        throw new IllegalArgumentException(
            "each key must be written id=base64 with an id of 1 to 32 letters, digits, _ or -");
      }
      var key = decode(parts[0], parts[1]);
      if (keys.put(parts[0], key) != null) {
        throw new IllegalArgumentException("key id " + parts[0] + " is listed twice");
      }
    }
    var current =
        currentKeyId == null || currentKeyId.isBlank()
            ? keys.keySet().iterator().next()
            : currentKeyId;
    if (!keys.containsKey(current)) {
      throw new IllegalArgumentException("the current key id " + current + " is not listed");
    }
    return new Keyring(keys, current);
  }

  private static byte[] decode(String id, String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key " + id + " is not base64");
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "key " + id + " must be " + KEY_BYTES + " bytes (AES-256), was " + key.length);
    }
    return key;
  }

  public String currentKeyId() {
    return currentKeyId;
  }

  public boolean holds(String keyId) {
    return keys.containsKey(keyId);
  }

  /** Whether one of the keys, under any id, is {@code key}: how a known key is recognised. */
  public boolean holdsKey(byte[] key) {
    return keys.values().stream().anyMatch(k -> MessageDigest.isEqual(k, key));
  }

  byte[] key(String keyId) {
    var key = keys.get(keyId);
    if (key == null) {
      throw new SealedValueException("no key with id " + keyId + " is configured");
    }
    return key;
  }

  @Override
  public String toString() {
    return "Keyring[current=" + currentKeyId + ", ids=" + keys.keySet() + "]";
  }
}
