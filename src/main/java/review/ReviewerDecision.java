package review;

import application.ApplicationStatus;
import application.FieldError;
import application.InvalidApplicationException;
import decision.Reason;
import decision.ReasonCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A reviewer's decision on a task: approve or reject, the catalogue's reviewer codes that explain
 * it (at least one for a rejection), and an optional note for the audit trail. {@link #parse(Map)}
 * reports every field that breaks the contract at once.
 */
public record ReviewerDecision(
    ApplicationStatus outcome, List<ReasonCode> reasonCodes, String note) {

  public static final String OUTCOME = "outcome";
  public static final String REASON_CODES = "reason_codes";
  public static final String NOTE = "note";
  public static final int NOTE_MAX_CHARACTERS = 2000;

  public ReviewerDecision {
    reasonCodes = List.copyOf(reasonCodes);
  }

  public static ReviewerDecision parse(Map<String, ?> body) {
    var errors = new ArrayList<FieldError>();
    var outcome = outcome(body.get(OUTCOME), errors);
    var codes = reasonCodes(body.get(REASON_CODES), errors);
    var note = note(body.get(NOTE), errors);
    if (outcome == ApplicationStatus.REJECTED && codes.isEmpty() && errors.isEmpty()) {
      errors.add(new FieldError(REASON_CODES, "a rejection needs at least one reason code"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidApplicationException(errors);
    }
    return new ReviewerDecision(outcome, codes, note);
  }

  public List<Reason> reasons() {
    return reasonCodes.stream().map(Reason::finding).toList();
  }

  private static ApplicationStatus outcome(Object value, List<FieldError> errors) {
    if (value == null) {
      errors.add(new FieldError(OUTCOME, "is required"));
      return null;
    }
    if (ApplicationStatus.PRE_APPROVED.name().equals(value)) {
      return ApplicationStatus.PRE_APPROVED;
    }
    if (ApplicationStatus.REJECTED.name().equals(value)) {
      return ApplicationStatus.REJECTED;
    }
    errors.add(new FieldError(OUTCOME, "must be one of [PRE_APPROVED, REJECTED]"));
    return null;
  }

  private static List<ReasonCode> reasonCodes(Object value, List<FieldError> errors) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      errors.add(new FieldError(REASON_CODES, "must be an array of reason codes"));
      return List.of();
    }
    var codes = new LinkedHashSet<ReasonCode>();
    for (var item : list) {
      var code = reviewerCode(item);
      if (code == null) {
        errors.add(
            new FieldError(
                REASON_CODES, "must hold only reviewer reason codes " + reviewerCodes()));
        return List.of();
      }
      codes.add(code);
    }
    return List.copyOf(codes);
  }

  private static ReasonCode reviewerCode(Object item) {
    for (var code : ReasonCode.values()) {
      if (code.source() == ReasonCode.Source.REVIEWER && code.name().equals(item)) {
        return code;
      }
    }
    return null;
  }

  private static List<ReasonCode> reviewerCodes() {
    return List.of(ReasonCode.values()).stream()
        .filter(code -> code.source() == ReasonCode.Source.REVIEWER)
        .toList();
  }

  private static String note(Object value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      errors.add(new FieldError(NOTE, "must be a string"));
      return null;
    }
    if (text.codePointCount(0, text.length()) > NOTE_MAX_CHARACTERS) {
      errors.add(new FieldError(NOTE, "must be at most " + NOTE_MAX_CHARACTERS + " characters"));
      return null;
    }
    return text.isBlank() ? null : text.strip();
  }
}
