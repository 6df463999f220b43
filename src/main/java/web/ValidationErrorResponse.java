package web;

import application.FieldError;
import java.util.List;

/** The 422 body: every field that was refused, with the reason. */
public record ValidationErrorResponse(String error, List<FieldError> details) {

  public static ValidationErrorResponse of(List<FieldError> details) {
    return new ValidationErrorResponse("Validation Error", details);
  }
}
