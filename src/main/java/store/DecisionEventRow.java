package store;

import java.util.Map;

/**
 * The outbox row of a {@code loan_decisions} message, written by the statement that records the
 * decision or review step it reports: its topic and the message as JSON.
 */
public record DecisionEventRow(String topic, String payload) {

  void addTo(Map<String, Object> parameters) {
    parameters.put("event_topic", topic);
    parameters.put("event_payload", payload);
  }
}
