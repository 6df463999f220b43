package application;

/** One reason a submitted field was refused, named by its JSON property. */
public record FieldError(String field, String message) {}
