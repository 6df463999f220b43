package harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;

/**
 * Free local ports for child processes, chosen by the operating system. Ports other people's
 * services use on this machine are never handed out, even if the system offers one.
 */
public final class Ports {

  private static final Set<Integer> RESERVED = Set.of(8000, 8081, 9092);

  private Ports() {}

  public static int free() {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = socket.getLocalPort();
        if (!RESERVED.contains(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("No free local port", e);
      }
    }
    throw new IllegalStateException("No free local port outside " + RESERVED);
  }
}
