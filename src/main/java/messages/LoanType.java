package messages;

/** The loan products a lender prequalifies. Secured loans score higher than unsecured ones. */
public enum LoanType {
  PERSONAL,
  HOME,
  AUTO
}
