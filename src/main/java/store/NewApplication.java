package store;

import application.ApplicationForm;
import java.util.Map;
import java.util.UUID;

/**
 * {@code insert-application.sql}: a validated form stored as application {@code id}, with its first
 * audit event and, in the outbox, the message that announces it on {@code topic}.
 */
public record NewApplication(
    UUID id, ApplicationForm form, String correlationId, String topic, String payload)
    implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    return Map.of(
        "id", id,
        "pan_number", form.panNumber().value(),
        "applicant_name", form.applicantName(),
        "monthly_income_inr", form.monthlyIncomeInr(),
        "loan_amount_inr", form.loanAmountInr(),
        "loan_type", form.loanType().name(),
        "correlation_id", correlationId,
        "topic", topic,
        "message_key", id.toString(),
        "payload", payload);
  }
}
