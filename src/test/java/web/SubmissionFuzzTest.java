package web;

import static org.assertj.core.api.Assertions.assertThat;

import application.ApplicationForm;
import application.InvalidApplicationException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fixtures.DevelopmentKeys;
import fixtures.MessageReader;
import fixtures.ServiceJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import messages.ApplicationSubmitted;
import org.springframework.http.MediaType;
import privacy.SealedField;

/**
 * {@code POST /applications} as its route reads a request: the body through {@link
 * JsonRequestReader} and {@link ApplicationForm#parse}. The only exceptions that may escape are the
 * refusals the API answers with a 4xx (malformed body 400, invalid form 422); anything else is a
 * finding, and so is a form the API accepts but credit-service would refuse. Seeds and regression
 * inputs: src/test/resources/web/SubmissionFuzzTestInputs/body/.
 */
class SubmissionFuzzTest {

  private static final JsonRequestReader READER = new JsonRequestReader(ServiceJson.objectMapper());
  private static final MessageReader<ApplicationSubmitted> CREDIT_SERVICE =
      MessageReader.of(ApplicationSubmitted.class);

  private static final UUID ID = UUID.fromString("6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b");
  private static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");

  @FuzzTest(maxDuration = "5s")
  void body(byte[] body) throws Exception {
    ApplicationForm form;
    try {
      form = ApplicationForm.parse(READER.readObject(MediaType.APPLICATION_JSON_VALUE, body));
    } catch (MalformedRequestException | InvalidApplicationException refused) {
      return;
    }
    for (var amount : new BigDecimal[] {form.monthlyIncomeInr(), form.loanAmountInr()}) {
      assertThat(amount.scale()).isEqualTo(2);
      assertThat(amount).isPositive().isLessThanOrEqualTo(ApplicationForm.MAX_AMOUNT);
    }
    var name = form.applicantName();
    assertThat(name.codePointCount(0, name.length()))
        .isLessThanOrEqualTo(ApplicationForm.NAME_MAX_CHARACTERS);
    assertThat(form.fingerprint(DevelopmentKeys.KEYED_HASH)).hasSize(64);
    // Whatever the API accepts, credit-service reads back from the event the outbox publishes.
    var sealedPan =
        DevelopmentKeys.CIPHER.seal(SealedField.panNumber(ID), form.panNumber().value());
    var submitted = form.toSubmitted(ID, sealedPan, AT, "corr-1");
    var published = ServiceJson.objectMapper().writeValueAsBytes(submitted);
    assertThat(CREDIT_SERVICE.read(published)).isEqualTo(submitted);
    assertThat(new String(published, StandardCharsets.UTF_8))
        .doesNotContain(form.panNumber().value());
    assertThat(DevelopmentKeys.CIPHER.open(SealedField.panNumber(ID), sealedPan))
        .isEqualTo(form.panNumber().value());
  }
}
