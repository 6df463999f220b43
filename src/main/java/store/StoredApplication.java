package store;

import application.ApplicationStatus;
import java.math.BigDecimal;

/**
 * The row of {@code select-application-for-decision.sql}: where the application stands, and the
 * amounts it was submitted with. The amounts are written once, at submission, and never change, so
 * they still hold when {@code apply-decision.sql} records the decision a moment later; the status
 * can change in between, which that statement's own {@code status = 'PENDING'} guard settles.
 */
public record StoredApplication(
    ApplicationStatus status, BigDecimal monthlyIncomeInr, BigDecimal loanAmountInr) {}
