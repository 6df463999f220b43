package application;

/** Where an application stands: received, then exactly one decision. */
public enum ApplicationStatus {
  PENDING,
  PRE_APPROVED,
  REJECTED,
  MANUAL_REVIEW
}
