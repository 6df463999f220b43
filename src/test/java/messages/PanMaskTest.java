package messages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class PanMaskTest {

  @ParameterizedTest(name = "[{0}] is masked as [{1}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          ABCDE1234F                                  | ABCDE***4F
          FGHIJ5678K                                  | FGHIJ***8K
          abcde1234f                                  | abcde***4f
          AbCdE1234f                                  | AbCdE***4f
          {"pan_number":"ABCDE1234F","loan_type":"HOME"} | {"pan_number":"ABCDE***4F","loan_type":"HOME"}
          pan_number=ABCDE1234F                        | pan_number=ABCDE***4F
          pan=abcde1234f, name=Asha                    | pan=abcde***4f, name=Asha
          ABCDE1234F submitted                         | ABCDE***4F submitted
          submitted by ABCDE1234F                      | submitted by ABCDE***4F
          (ABCDE1234F)                                 | (ABCDE***4F)
          ABCDE1234F,FGHIJ5678K ABCDE1234F             | ABCDE***4F,FGHIJ***8K ABCDE***4F
          `  ABCDE1234F  `                             | `  ABCDE***4F  `
          """)
  void masksEveryPanInAText(String text, String masked) {
    assertThat(PanMask.mask(text)).isEqualTo(masked);
  }

  @ParameterizedTest(name = "[{0}] is left alone")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          XABCDE1234F
          ABCDE1234FG
          1ABCDE1234F
          ABCDE1234F9
          ref=XABCDE1234FG
          ABCDE12345F
          ABCD1234F
          6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b
          123e4567-e89b-12d3-a456-abcde1234fab
          application_id=abcde123-4567-4e5f-9a8b-fabcde1234fa
          correlation_id=req-42 status=PENDING
          ABCDE
          ABCDE1234
          """)
  void leavesOtherTokensAlone(String text) {
    assertThat(PanMask.mask(text)).isEqualTo(text);
  }

  @ParameterizedTest(name = "[{0}] is returned as is")
  @NullAndEmptySource
  void returnsNullAndEmptyUnchanged(String text) {
    assertThat(PanMask.mask(text)).isSameAs(text);
  }
}
