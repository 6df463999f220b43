package store;

import java.time.Duration;
import java.util.Map;

/**
 * {@code erase-expired-personal-data.sql}: erases, as {@link PersonalDataErasure} does, the
 * personal data of up to {@code batchSize} decided applications submitted longer ago than {@code
 * retention}.
 */
public record PersonalDataRetention(Duration retention, int batchSize) implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    return Map.of("retention", SqlParameters.interval(retention), "batch_size", batchSize);
  }
}
