package web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;
import prequal.PrequalProperties;

/**
 * Guards the operator endpoints with the bearer token from {@code ADMIN_TOKEN}. Without a token
 * configured they are disabled, so a deployment that forgot to set one is closed, not open.
 */
@Component
public class OperatorAccess {

  private final PrequalProperties.Admin admin;

  OperatorAccess(PrequalProperties properties) {
    this.admin = properties.admin();
  }

  public void require(String authorization) {
    if (!admin.enabled()) {
      throw new AccessDeniedException("Operator endpoints are disabled");
    }
    var expected = ("Bearer " + admin.token()).getBytes(StandardCharsets.UTF_8);
    var given =
        authorization == null ? new byte[0] : authorization.getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new UnauthorizedException("A valid operator token is required");
    }
  }
}
