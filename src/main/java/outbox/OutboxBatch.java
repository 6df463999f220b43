package outbox;

import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.springframework.stereotype.Component;
import prequal.PrequalProperties;

/**
 * Turns a claimed batch of outbox rows into Kafka records (one per row, keyed by application id)
 * and remembers which rows were claimed, to mark or release them afterwards.
 */
@Component
public class OutboxBatch {

  public static final String CLAIMED_IDS = "outboxClaimedIds";

  private final PrequalProperties.Outbox settings;

  OutboxBatch(PrequalProperties properties) {
    this.settings = properties.outbox();
  }

  public Map<String, Object> claimParameters() {
    return Map.of(
        "lease",
        settings.claimLease().toMillis() + " milliseconds",
        "batch_size",
        settings.batchSize());
  }

  public List<Message> toRecords(List<Map<String, Object>> rows, Exchange exchange) {
    exchange.setProperty(CLAIMED_IDS, rows.stream().map(row -> row.get("id")).toList());
    return rows.stream().map(row -> toRecord(row, exchange)).toList();
  }

  public Map<String, Object> idsParameter(Exchange exchange) {
    return Map.of("ids", exchange.getProperty(CLAIMED_IDS, List.class));
  }

  private static Message toRecord(Map<String, Object> row, Exchange exchange) {
    var message = new DefaultMessage(exchange);
    message.setHeader(KafkaConstants.OVERRIDE_TOPIC, row.get("topic"));
    message.setHeader(KafkaConstants.KEY, row.get("message_key"));
    message.setBody(row.get("payload"));
    return message;
  }
}
