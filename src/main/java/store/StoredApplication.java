package store;

import application.ApplicationStatus;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A row of {@code select-applications-for-decision.sql}: where the application stands, and the
 * amounts it was submitted with. The amounts are written once, at submission, and never change, so
 * they still hold when {@code apply-decisions.sql} records the decision a moment later; the status
 * can change in between, which that statement's own {@code status = 'PENDING'} guard settles.
 */
public record StoredApplication(
    UUID id, ApplicationStatus status, BigDecimal monthlyIncomeInr, BigDecimal loanAmountInr) {}
