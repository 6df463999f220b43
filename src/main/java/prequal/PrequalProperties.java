package prequal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import privacy.Keyring;

/** Everything the service reads from {@code prequal.*}; each entry has an environment variable. */
@ConfigurationProperties("prequal")
@Validated
public record PrequalProperties(
    @NotEmpty List<Role> roles,
    @NotNull @Valid Topics topics,
    @NotNull @Valid Outbox outbox,
    @NotNull @Valid Cors cors,
    @NotNull @Valid Api api,
    @NotNull @Valid Retry retry,
    @NotNull @Valid Stale stale,
    @NotNull Admin admin,
    @NotNull Duration healthTimeout,
    @NotNull @Valid Monitoring monitoring,
    @NotNull @Valid Console console,
    @NotNull @Valid RateLimit rateLimit,
    @NotNull @Valid Privacy privacy,
    @NotNull @Valid Staff staff,
    @NotBlank String policyFile,
    @NotNull @Valid Review review,
    boolean refuseDefaultCredentials) {

  public boolean runs(Role role) {
    return roles.contains(role);
  }

  /**
   * The manual-review workflow: how long a referred application may wait for a reviewer, how long a
   * claim holds without activity, the loan amount above which an approval needs a second reviewer,
   * and how often overdue tasks are looked for.
   */
  public record Review(
      @NotNull @DurationMin(minutes = 1) Duration sla,
      @NotNull @DurationMin(seconds = 1) Duration claimTimeout,
      @NotNull @DecimalMin("0") BigDecimal fourEyesAboveInr,
      @NotNull @DurationMin(seconds = 1) Duration escalationInterval) {}

  /** Topic names and how they are created when missing. */
  public record Topics(
      @NotNull @Valid TopicSpec submitted,
      @NotNull @Valid TopicSpec creditReports,
      @NotNull @Valid TopicSpec deadLetter,
      @NotNull @Valid TopicSpec decisions,
      @Min(1) short replicationFactor,
      @NotNull Duration provisionTimeout) {}

  public record TopicSpec(
      @NotBlank String name, @Min(1) int partitions, @NotNull Duration retention) {}

  /**
   * How the relay drains the outbox: how often it looks when idle, how much it takes at once, and
   * how long a claimed batch stays reserved for the relay that claimed it; and how long, and how
   * often checked, published rows are kept.
   */
  public record Outbox(
      @Min(1) long pollIntervalMs,
      @Min(1) int batchSize,
      @NotNull Duration claimLease,
      @NotNull Duration retention,
      @NotNull @DurationMin(seconds = 1) Duration retentionCheckInterval) {}

  /** When a PENDING application counts as stuck and is published again. */
  public record Stale(@NotNull Duration pendingAge, @Min(1) long checkIntervalMs) {}

  /** The operator endpoints' bearer token; blank means they are disabled. */
  public record Admin(String token) {

    public boolean enabled() {
      return token != null && !token.isBlank();
    }
  }

  /** In-process redelivery of a consumed message that failed for a presumably transient reason. */
  public record Retry(
      @Min(0) int maxRedeliveries,
      @NotBlank String delayPattern,
      @Min(1) long breakerOpenDelayMs,
      @Min(0) int breakerOpenRedeliveries) {}

  public record Cors(@NotEmpty List<String> allowedOrigins) {}

  /**
   * The HTTP API's bounds: the largest request body it reads, how long an Idempotency-Key stands
   * for the application it created, how often keys older than that are purged, and how submissions
   * are stored together.
   */
  public record Api(
      @NotNull DataSize maxBodySize,
      @NotNull @DurationMin(minutes = 1) Duration idempotencyKeyRetention,
      @NotNull @DurationMin(seconds = 1) Duration idempotencyKeyPurgeInterval,
      @NotNull @Valid GroupCommit groupCommit) {

    public Api {
      // The body of a chunked request is read into memory up to one byte past the limit.
      if (maxBodySize != null
          && (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() >= Integer.MAX_VALUE)) {
        throw new IllegalArgumentException(
            "prequal.api.max-body-size must be at least 1B and below 2GB, was " + maxBodySize);
      }
    }
  }

  /**
   * How many threads store the submissions without an Idempotency-Key, and the most each stores in
   * one statement and one commit.
   */
  public record GroupCommit(@Min(1) int writers, @Min(1) int maxSize) {}

  /**
   * How often the monitoring routes measure consumer lag and the outbox backlog, and the lag (in
   * records, per partition) above which the lag monitor warns.
   */
  public record Monitoring(
      @NotNull @DurationMin(seconds = 1) Duration lagInterval,
      @Min(0) long lagWarnThreshold,
      @NotNull @DurationMin(seconds = 1) Duration outboxInterval) {}

  /**
   * POSTs per second each client may make on average, after a burst; 0 turns the limit off. The
   * client is the connection's address, or the one a trusted proxy names in {@code
   * X-Forwarded-For}.
   */
  public record RateLimit(
      @DecimalMin("0") double perSecond, @Min(1) int burst, @NotNull List<String> trustedProxies) {

    public boolean enabled() {
      return perSecond > 0;
    }
  }

  /**
   * The one account that may open hawtio and Jolokia, unless authentication is off. Its password is
   * given as a BCrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}, as {@code htpasswd -B}
   * writes it), never in plain text.
   */
  public record Console(
      @NotBlank String username,
      @NotNull
          @Pattern(
              regexp = BCRYPT_HASH,
              message = "must be a BCrypt hash (for example from htpasswd -nbBC 10 '' PASSWORD)")
          String passwordHash,
      boolean authenticationEnabled) {

    static final String BCRYPT_HASH = "\\$2[aby]?\\$\\d\\d\\$[./0-9A-Za-z]{53}";
  }

  /**
   * How personal data is protected: the AES-256 keys that seal PAN and name ({@code id=base64,…},
   * the first seals unless {@code currentKeyId} names another), the HMAC key of the PAN look-up
   * hash and the Idempotency-Key fingerprints (base64, at least 32 bytes), how long a decided
   * application keeps its personal data, how often that is checked, and how many rows a re-seal or
   * an erasure sweep takes at once.
   */
  public record Privacy(
      @NotBlank String keys,
      String currentKeyId,
      @NotBlank String lookupKey,
      @NotNull @DurationMin(days = 1) Duration retention,
      @NotNull @DurationMin(seconds = 1) Duration retentionCheckInterval,
      @Min(1) int batchSize) {

    public Keyring keyring() {
      return Keyring.parse(keys, currentKeyId);
    }

    public byte[] lookupKeyBytes() {
      try {
        return Base64.getDecoder().decode(lookupKey.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("prequal.privacy.lookup-key is not base64");
      }
    }
  }

  /**
   * Who the lender's staff are on the public port (web.StaffSecurity): JWTs from the lender's
   * identity provider, the claim that names the staff member (falling back to {@code sub}) and the
   * one that lists their roles; and, for the local run only, built-in HTTP Basic users.
   */
  public record Staff(
      @NotNull @Valid StaffJwt jwt,
      @NotBlank String rolesClaim,
      @NotBlank String idClaim,
      boolean localUsers) {}

  /**
   * Where the keys that sign staff JWTs come from: the issuer's discovery document, its JWK set, or
   * one RSA public key (PEM, a Spring resource location). With an issuer the {@code iss} claim must
   * name it; with audiences the {@code aud} claim must hold one of them. A token from the JWK set
   * or the issuer may be signed with any of the algorithms; one with the single key, RS256 only.
   */
  public record StaffJwt(
      String issuerUri,
      String jwkSetUri,
      String publicKeyLocation,
      @NotNull List<String> audiences,
      @NotEmpty List<SignatureAlgorithm> algorithms) {

    public StaffJwt {
      if (hasText(jwkSetUri) && hasText(publicKeyLocation)) {
        throw new IllegalArgumentException(
            "Set either prequal.staff.jwt.jwk-set-uri or prequal.staff.jwt.public-key-location,"
                + " not both");
      }
      audiences =
          audiences == null ? List.of() : audiences.stream().filter(StaffJwt::hasText).toList();
    }

    /** Whether any source of signing keys is configured; without one no JWT is accepted. */
    public boolean configured() {
      return hasText(issuerUri) || hasText(jwkSetUri) || hasText(publicKeyLocation);
    }

    private static boolean hasText(String value) {
      return value != null && !value.isBlank();
    }
  }
}
