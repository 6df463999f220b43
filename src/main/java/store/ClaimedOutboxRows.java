package store;

import java.util.List;
import java.util.Map;

/**
 * The outbox rows one relay poll claimed: {@code mark-outbox-published.sql} marks them once the
 * broker has them, {@code release-outbox-claims.sql} gives them back when the send failed.
 */
public record ClaimedOutboxRows(List<Long> ids) implements SqlParameters {

  public static ClaimedOutboxRows of(List<OutboxEvent> events) {
    return new ClaimedOutboxRows(events.stream().map(OutboxEvent::id).toList());
  }

  @Override
  public Map<String, Object> toParameters() {
    return Map.of("ids", ids);
  }
}
