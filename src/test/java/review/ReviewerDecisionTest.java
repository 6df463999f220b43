package review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import application.ApplicationStatus;
import application.FieldError;
import application.InvalidApplicationException;
import decision.Reason;
import decision.ReasonCode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReviewerDecisionTest {

  @Test
  void readsAnApprovalWithItsFindingsAndNote() {
    var decision =
        ReviewerDecision.parse(
            Map.of(
                "outcome", "PRE_APPROVED",
                "reason_codes", List.of("INCOME_VERIFIED"),
                "note", "  Salary slips checked.  "));

    assertThat(decision.outcome()).isEqualTo(ApplicationStatus.PRE_APPROVED);
    assertThat(decision.reasonCodes()).containsExactly(ReasonCode.INCOME_VERIFIED);
    assertThat(decision.note()).isEqualTo("Salary slips checked.");
    assertThat(decision.reasons())
        .containsExactly(Reason.of(ReasonCode.INCOME_VERIFIED, null, null));
  }

  @Test
  void anApprovalMayComeWithoutCodesAndRepeatedCodesCountOnce() {
    assertThat(ReviewerDecision.parse(Map.of("outcome", "PRE_APPROVED")).reasonCodes()).isEmpty();
    assertThat(
            ReviewerDecision.parse(
                    Map.of(
                        "outcome",
                        "REJECTED",
                        "reason_codes",
                        List.of("DOCUMENTS_INCOMPLETE", "DOCUMENTS_INCOMPLETE")))
                .reasonCodes())
        .containsExactly(ReasonCode.DOCUMENTS_INCOMPLETE);
  }

  @ParameterizedTest(name = "outcome {0}, codes {1}: {2} {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "null          | null                      | outcome      | is required",
        "MANUAL_REVIEW | null                      | outcome      | must be one of [PRE_APPROVED, REJECTED]",
        "PENDING       | null                      | outcome      | must be one of [PRE_APPROVED, REJECTED]",
        "pre_approved  | null                      | outcome      | must be one of [PRE_APPROVED, REJECTED]",
        "REJECTED      | null                      | reason_codes | a rejection needs at least one reason code",
        "REJECTED      | ''                        | reason_codes | a rejection needs at least one reason code",
        "REJECTED      | CIBIL_SCORE_BELOW_MINIMUM | reason_codes | must hold only reviewer reason codes [INCOME_VERIFIED, REPAYMENT_CAPACITY_INSUFFICIENT, EXISTING_OBLIGATIONS_TOO_HIGH, DOCUMENTS_INCOMPLETE]",
        "PRE_APPROVED  | ALL_CRITERIA_MET          | reason_codes | must hold only reviewer reason codes [INCOME_VERIFIED, REPAYMENT_CAPACITY_INSUFFICIENT, EXISTING_OBLIGATIONS_TOO_HIGH, DOCUMENTS_INCOMPLETE]",
        "PRE_APPROVED  | NOT_A_CODE                | reason_codes | must hold only reviewer reason codes [INCOME_VERIFIED, REPAYMENT_CAPACITY_INSUFFICIENT, EXISTING_OBLIGATIONS_TOO_HIGH, DOCUMENTS_INCOMPLETE]",
      })
  void refusesWhatBreaksTheContract(String outcome, String codes, String field, String message) {
    var body = new HashMap<String, Object>();
    body.put("outcome", outcome);
    if (codes != null) {
      body.put("reason_codes", codes.isEmpty() ? List.of() : List.of(codes));
    }

    assertThatThrownBy(() -> ReviewerDecision.parse(body))
        .isInstanceOfSatisfying(
            InvalidApplicationException.class,
            e -> assertThat(e.errors()).containsExactly(new FieldError(field, message)));
  }

  @Test
  void reportsEveryBrokenFieldAtOnce() {
    var body = Map.of("outcome", 7, "reason_codes", "INCOME_VERIFIED", "note", List.of());

    assertThatThrownBy(() -> ReviewerDecision.parse(body))
        .isInstanceOfSatisfying(
            InvalidApplicationException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        new FieldError("outcome", "must be one of [PRE_APPROVED, REJECTED]"),
                        new FieldError("reason_codes", "must be an array of reason codes"),
                        new FieldError("note", "must be a string")));
  }

  @Test
  void aNoteHoldsAtMost2000Characters() {
    var longest = "न".repeat(2000);

    assertThat(ReviewerDecision.parse(Map.of("outcome", "PRE_APPROVED", "note", longest)).note())
        .isEqualTo(longest);
    assertThatThrownBy(
            () -> ReviewerDecision.parse(Map.of("outcome", "PRE_APPROVED", "note", longest + "x")))
        .isInstanceOfSatisfying(
            InvalidApplicationException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(new FieldError("note", "must be at most 2000 characters")));
  }

  @ParameterizedTest(name = "{0} of a loan of {1} needs a second reviewer: {2}")
  @CsvSource({
    "PRE_APPROVED, 1000000.00, false",
    "PRE_APPROVED, 1000000.01, true",
    "PRE_APPROVED,   50000.00, false",
    "REJECTED,     5000000.00, false",
  })
  void fourEyesAboveTheAmountForApprovalsOnly(
      ApplicationStatus outcome, BigDecimal loan, boolean needed) {
    assertThat(new FourEyesRule(new BigDecimal("1000000")).needsConfirmation(outcome, loan))
        .isEqualTo(needed);
  }

  @ParameterizedTest(name = "label {0} is {1}")
  @CsvSource(
      nullValues = "null",
      value = {
        "open, OPEN",
        "claimed, CLAIMED",
        "awaiting_confirmation, AWAITING_CONFIRMATION",
        "done, DONE",
        "DONE, null",
        "'', null"
      })
  void statesReadTheirLabels(String label, ReviewState state) {
    assertThat(ReviewState.parse(label)).isEqualTo(state);
    if (state != null) {
      assertThat(state.label()).isEqualTo(label);
    }
  }
}
