package decision;

import credit.CreditReport;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Applies the {@link DecisionPolicy} to a credit report and names the SQL parameters to record it.
 */
@Component
public class Decisions {

  private final DecisionPolicy policy = new DecisionPolicy();

  public Map<String, Object> decide(CreditReport report) {
    var status =
        policy.decide(report.cibilScore(), report.monthlyIncomeInr(), report.loanAmountInr());
    var parameters = new HashMap<String, Object>();
    parameters.put("id", report.applicationId());
    parameters.put("status", status.name());
    parameters.put("cibil_score", report.cibilScore());
    parameters.put("correlation_id", report.correlationId());
    return parameters;
  }
}
