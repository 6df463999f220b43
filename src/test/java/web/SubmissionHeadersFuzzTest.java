package web;

import static org.assertj.core.api.Assertions.assertThat;

import application.IdempotencyKey;
import application.InvalidApplicationException;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fixtures.ServiceJson;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;

/**
 * The two headers {@code POST /applications} reads before its body: Content-Type through {@link
 * JsonRequestReader} and Idempotency-Key through {@link IdempotencyKey#parse}. Only the 415 and the
 * 422 they document may escape; a header that is accepted must be one the contract allows.
 */
class SubmissionHeadersFuzzTest {

  private static final JsonRequestReader READER = new JsonRequestReader(ServiceJson.objectMapper());
  private static final byte[] VALID_BODY =
      """
      {"pan_number":"ABCDE1234F","applicant_name":"Asha Rao","monthly_income_inr":82000,\
      "loan_amount_inr":480000.5,"loan_type":"HOME"}"""
          .getBytes(StandardCharsets.UTF_8);

  @FuzzTest(maxDuration = "5s")
  void contentTypeAndIdempotencyKey(FuzzedDataProvider data) {
    var contentType = data.consumeString(200);
    var idempotencyKey = data.consumeRemainingAsString();
    try {
      assertThat(READER.readObject(contentType, VALID_BODY)).containsKey("pan_number");
      assertThat(MediaType.APPLICATION_JSON.includes(MediaType.parseMediaType(contentType)))
          .isTrue();
    } catch (UnsupportedMediaTypeException refused) {
      // 415
    }
    try {
      var key = IdempotencyKey.parse(idempotencyKey);
      assertThat(key.value()).isEqualTo(idempotencyKey).hasSizeBetween(1, 128);
      assertThat(key.value().chars()).allMatch(c -> c < 0x80 && c > 0x20);
    } catch (InvalidApplicationException refused) {
      assertThat(refused.errors()).singleElement().extracting("field").isEqualTo("Idempotency-Key");
    }
  }
}
