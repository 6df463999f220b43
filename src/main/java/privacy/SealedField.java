package privacy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What a sealed value is, authenticated with it: the field and the application it belongs to, or
 * the dead letter it is the payload of.
 */
public record SealedField(String name, String owner) {

  public static SealedField panNumber(UUID applicationId) {
    return new SealedField("pan_number", applicationId.toString());
  }

  public static SealedField applicantName(UUID applicationId) {
    return new SealedField("applicant_name", applicationId.toString());
  }

  /** A dead letter's payload: sealed whole, whatever it is, for the topic it came from. */
  public static SealedField deadLetterPayload(String originalTopic) {
    return new SealedField("dead_letter_payload", String.valueOf(originalTopic));
  }

  byte[] associatedData() {
    return (name + "\u0000" + owner).getBytes(StandardCharsets.UTF_8);
  }
}
