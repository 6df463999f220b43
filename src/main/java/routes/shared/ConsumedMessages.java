package routes.shared;

import messages.InvalidMessageException;

/**
 * What a consumer route checks of a record once it is read: that it held a message at all. A
 * tombstone or the JSON {@code null} reads as no message, which no retry can change: it is
 * dead-lettered like any other message that breaks the rules.
 */
public final class ConsumedMessages {

  private ConsumedMessages() {}

  public static <T> T required(T message) {
    if (message == null) {
      throw new InvalidMessageException("the record holds no message");
    }
    return message;
  }
}
