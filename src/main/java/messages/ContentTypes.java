package messages;

/**
 * The {@code Content-Type} a published message carries, as the AsyncAPI document requires of the
 * credit reports and the dead letters.
 */
public final class ContentTypes {

  public static final String JSON = "application/json";

  private ContentTypes() {}
}
