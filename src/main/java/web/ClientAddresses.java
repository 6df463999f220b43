package web;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The address a request came from. {@code X-Forwarded-For} is anyone's to write, so it is read only
 * when the connection comes from a trusted proxy, and then from the right: the first address no
 * trusted proxy added is the client.
 */
final class ClientAddresses {

  private ClientAddresses() {}

  static String of(String remoteAddress, String forwardedFor, Set<String> trustedProxies) {
    if (!trustedProxies.contains(remoteAddress) || forwardedFor == null) {
      return remoteAddress;
    }
    List<String> hops =
        Arrays.stream(forwardedFor.split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList();
    for (int i = hops.size() - 1; i >= 0; i--) {
      if (!trustedProxies.contains(hops.get(i))) {
        return hops.get(i);
      }
    }
    return hops.isEmpty() ? remoteAddress : hops.get(0);
  }
}
