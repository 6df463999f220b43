package application;

import java.util.List;

/** A submission that breaks the contract; carries every field-level reason, not just the first. */
public final class InvalidApplicationException extends RuntimeException {

  private final transient List<FieldError> errors;

  public InvalidApplicationException(List<FieldError> errors) {
    super("Invalid application: " + errors.size() + " field error(s)");
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
