package store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code apply-decisions.sql}: a batch of decisions recorded in one statement and one commit, each
 * applied only while its application is PENDING. The statement answers with the applications it
 * decided ({@link DecidedApplication}): a decision missing from its answer changed nothing, as a
 * duplicate or a concurrent report's would. Each application appears at most once.
 */
public record RecordedDecisions(List<RecordedDecision> decisions) implements SqlParameters {

  public RecordedDecisions {
    decisions = List.copyOf(decisions);
    if (decisions.stream().map(RecordedDecision::id).distinct().count() != decisions.size()) {
      throw new IllegalArgumentException("An application is decided once in a batch");
    }
  }

  public boolean isEmpty() {
    return decisions.isEmpty();
  }

  @Override
  public Map<String, Object> toParameters() {
    // One array per column, in the statement's order; pgjdbc encodes String[] and int[], and the
    // statement casts each to its column's type.
    var parameters = new HashMap<String, Object>();
    parameters.put("ids", column(decision -> decision.id().toString()));
    parameters.put("statuses", column(decision -> decision.status().name()));
    parameters.put(
        "cibil_scores", decisions.stream().mapToInt(RecordedDecision::cibilScore).toArray());
    parameters.put(
        "decision_reasons",
        column(decision -> DecisionReasons.toJson(decision.decision().reasons())));
    parameters.put(
        "reason_codes", column(decision -> DecisionReasons.codes(decision.decision().reasons())));
    parameters.put("policy_versions", column(decision -> decision.decision().policyVersion()));
    parameters.put("decided_ats", column(decision -> decision.decidedAt().toString()));
    parameters.put("correlation_ids", column(RecordedDecision::correlationId));
    parameters.put(
        "review_ids",
        column(
            decision ->
                decision.referral() == null ? null : decision.referral().reviewId().toString()));
    parameters.put(
        "due_ats",
        column(
            decision ->
                decision.referral() == null ? null : decision.referral().dueAt().toString()));
    parameters.put("event_payloads", column(decision -> decision.event().payload()));
    parameters.put("decided_by", RecordedDecision.AUTOMATED);
    parameters.put("event_topic", decisions.isEmpty() ? null : decisions.get(0).event().topic());
    return parameters;
  }

  private String[] column(Function<RecordedDecision, String> value) {
    return decisions.stream().map(value).toArray(String[]::new);
  }
}
