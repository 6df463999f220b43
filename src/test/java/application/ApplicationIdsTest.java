package application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApplicationIdsTest {

  @ParameterizedTest(name = "{0} is application {1}")
  @CsvSource({
    "6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b, 6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b",
    "6F1C2B7E-3D4A-4E5F-9A8B-7C6D5E4F3A2B, 6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b",
    "6f1C2b7E-3d4A-4e5F-9a8B-7c6D5e4F3a2B, 6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b",
    "00000000-0000-0000-0000-000000000000, 00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff, ffffffff-ffff-ffff-ffff-ffffffffffff",
  })
  void acceptsACanonicalUuid(String candidate, String canonical) {
    var id = ApplicationIds.parse(candidate);

    assertThat(id).isEqualTo(UUID.fromString(canonical));
    assertThat(id.toString()).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "''{0}'' is refused ({1})")
  @CsvSource({
    "nope,                                    a word",
    "'',                                      empty",
    ",                                        null",
    "6f1c2b7e3d4a4e5f9a8b7c6d5e4f3a2b,        no dashes",
    "6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b0,   one hex digit too many",
    "6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2,     one hex digit too few",
    "x6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b,   a leading character",
    "'6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b ', a trailing space",
    "{6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b},  braces",
    "6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2g,    a non-hex letter",
    "6f1c2b7e3-d4a-4e5f-9a8b-7c6d5e4f3a2b,    a misplaced dash",
    "1-1-1-1-1,                               short groups UUID.fromString would accept",
    "0-0-0-0-0,                               short zero groups",
  })
  void refusesAnythingButACanonicalUuid(String candidate, String reason) {
    assertThatExceptionOfType(InvalidApplicationException.class)
        .isThrownBy(() -> ApplicationIds.parse(candidate))
        .satisfies(
            refused ->
                assertThat(refused.errors())
                    .containsExactly(new FieldError("application_id", "must be a UUID")));
  }
}
