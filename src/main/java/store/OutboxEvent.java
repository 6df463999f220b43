package store;

/**
 * One outbox row as {@code claim-outbox.sql} returns it: a message to publish, and where. {@code
 * earlierClaimMillis} is when a relay first claimed the row, if one did before this claim: that
 * relay may have published it already.
 */
public record OutboxEvent(
    long id,
    String topic,
    String messageKey,
    String payload,
    String correlationId,
    Long earlierClaimMillis) {

  public boolean claimedBefore() {
    return earlierClaimMillis != null;
  }
}
