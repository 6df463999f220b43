package web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressesTest {

  private static final Set<String> TRUSTED = Set.of("10.0.0.1", "10.0.0.2");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "direct client, no header                     | 203.0.113.7 | -                              | 203.0.113.7",
        "direct client cannot name another address    | 203.0.113.7 | 198.51.100.9                   | 203.0.113.7",
        "trusted proxy names the client               | 10.0.0.1    | 198.51.100.9                   | 198.51.100.9",
        "the rightmost untrusted hop is the client    | 10.0.0.1    | 192.0.2.66, 198.51.100.9       | 198.51.100.9",
        "trusted hops are skipped                     | 10.0.0.1    | 198.51.100.9, 10.0.0.2         | 198.51.100.9",
        "spaces and empty entries are ignored         | 10.0.0.1    | ' 198.51.100.9 ,, '            | 198.51.100.9",
        "all hops trusted: the first one              | 10.0.0.1    | 10.0.0.2, 10.0.0.1             | 10.0.0.2",
        "trusted proxy without the header is itself   | 10.0.0.1    | -                              | 10.0.0.1",
        "trusted proxy with an empty header is itself | 10.0.0.1    | ''                             | 10.0.0.1",
      })
  void clientIsTheAddressNoTrustedProxyAdded(
      String description, String remote, String forwardedFor, String client) {
    assertThat(ClientAddresses.of(remote, forwardedFor, TRUSTED)).isEqualTo(client);
  }
}
