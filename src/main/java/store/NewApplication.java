package store;

import application.ApplicationForm;
import application.IdempotencyKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code insert-application.sql}: a validated form stored as application {@code id}, with its first
 * audit event, in the outbox the message that announces it on {@code topic} and, when the request
 * carried one, its {@code idempotencyKey} with the form's fingerprint ({@code requestHash}). The
 * form's PAN and name are stored only as {@code applicant} seals them. All of it or nothing: a key
 * that already stands for an application, and is younger than {@code keyRetention}, stores nothing
 * (update count 0), and a second request with the key waits for the first's statement to end. Then
 * {@code select-earlier-submission.sql} reads, by the same key, the application it stands for.
 */
public record NewApplication(
    UUID id,
    ApplicationForm form,
    SealedApplicant applicant,
    String correlationId,
    String topic,
    String payload,
    IdempotencyKey idempotencyKey,
    String requestHash,
    Duration keyRetention)
    implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    // Without a key both of its parameters are null, which Map.of refuses.
    var parameters = new HashMap<String, Object>();
    parameters.put("id", id);
    applicant.addTo(parameters);
    parameters.put("monthly_income_inr", form.monthlyIncomeInr());
    parameters.put("loan_amount_inr", form.loanAmountInr());
    parameters.put("loan_type", form.loanType().name());
    parameters.put("correlation_id", correlationId);
    parameters.put("topic", topic);
    parameters.put("message_key", id.toString());
    parameters.put("payload", payload);
    parameters.put("idempotency_key", idempotencyKey == null ? null : idempotencyKey.value());
    parameters.put("request_hash", requestHash);
    parameters.put("key_retention", SqlParameters.interval(keyRetention));
    return parameters;
  }
}
