package store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code insert-applications.sql}: submissions without an Idempotency-Key stored in one statement
 * and one commit, each as {@link NewApplication} describes; its update count is the number of
 * outbox events stored, one per application. All of them announce themselves on one topic.
 */
public record NewApplications(List<NewApplication> applications) implements SqlParameters {

  public NewApplications {
    applications = List.copyOf(applications);
    if (applications.isEmpty()) {
      throw new IllegalArgumentException("A group holds at least one application");
    }
    if (applications.stream().anyMatch(application -> application.idempotencyKey() != null)) {
      throw new IllegalArgumentException("An application with an Idempotency-Key is stored alone");
    }
    if (applications.stream().map(NewApplication::topic).distinct().count() != 1) {
      throw new IllegalArgumentException("A group's applications announce themselves on one topic");
    }
  }

  @Override
  public Map<String, Object> toParameters() {
    // One array per column, in the statement's order; pgjdbc encodes String[], and the statement
    // casts each to its column's type.
    var parameters = new HashMap<String, Object>();
    parameters.put("ids", column(application -> application.id().toString()));
    parameters.put(
        "pan_numbers_sealed", column(application -> application.applicant().panNumberSealed()));
    parameters.put(
        "applicant_names_sealed",
        column(application -> application.applicant().applicantNameSealed()));
    parameters.put("pan_lookups", column(application -> application.applicant().panLookup()));
    parameters.put(
        "monthly_incomes_inr",
        column(application -> application.form().monthlyIncomeInr().toPlainString()));
    parameters.put(
        "loan_amounts_inr",
        column(application -> application.form().loanAmountInr().toPlainString()));
    parameters.put("loan_types", column(application -> application.form().loanType().name()));
    parameters.put("correlation_ids", column(NewApplication::correlationId));
    parameters.put("payloads", column(NewApplication::payload));
    parameters.put("topic", applications.get(0).topic());
    return parameters;
  }

  private String[] column(Function<NewApplication, String> value) {
    return applications.stream().map(value).toArray(String[]::new);
  }
}
