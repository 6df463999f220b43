package web;

public final class UnsupportedMediaTypeException extends RuntimeException {

  public UnsupportedMediaTypeException(String message) {
    super(message);
  }
}
