package store;

import java.util.Map;
import java.util.UUID;

/**
 * {@code select-personal-data-to-reseal.sql}: up to {@code batchSize} applications after {@code
 * afterId} (in id order, so one pass ends whatever else changes) whose PAN or name is in plain text
 * or sealed with a key other than {@code currentKeyId}; each row is a {@link ResealCandidate}.
 */
public record ResealSelection(String currentKeyId, UUID afterId, int batchSize)
    implements SqlParameters {

  /** Where a pass starts: no id is below the nil UUID. */
  public static ResealSelection first(String currentKeyId, int batchSize) {
    return new ResealSelection(currentKeyId, new UUID(0, 0), batchSize);
  }

  public ResealSelection after(UUID id) {
    return new ResealSelection(currentKeyId, id, batchSize);
  }

  @Override
  public Map<String, Object> toParameters() {
    return Map.of("current_key_id", currentKeyId, "after_id", afterId, "batch_size", batchSize);
  }
}
