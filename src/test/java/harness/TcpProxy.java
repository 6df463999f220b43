package harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 between the service and PostgreSQL, so a test can take the database away
 * mid-stream without touching the server: {@link #disconnect()} refuses new connections and resets
 * every open one, as a network partition or a database restart would look to the client; {@link
 * #reconnect()} accepts again on the same port, so the service's unchanged JDBC URL works again.
 *
 * <p>Not for Kafka: clients connect to the address the broker advertises, not to the proxy.
 */
public final class TcpProxy implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final int BUFFER_SIZE = 16 * 1024;

  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final ExecutorService threads = Executors.newCachedThreadPool(new DaemonThreads());
  private final Set<Link> links = new HashSet<>();
  private ServerSocket listener;
  private Future<?> acceptLoop;
  private boolean closed;

  private TcpProxy(String targetHost, int targetPort, ServerSocket listener) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.port = listener.getLocalPort();
    this.listener = listener;
  }

  /** Listens on a free port of 127.0.0.1 and forwards every connection to the target. */
  public static TcpProxy start(String targetHost, int targetPort) {
    var proxy = new TcpProxy(targetHost, targetPort, listen(0));
    proxy.acceptOn(proxy.listener);
    return proxy;
  }

  public int port() {
    return port;
  }

  public synchronized boolean isConnected() {
    return listener != null;
  }

  /**
   * Closes the listening socket, so new connections are refused, and resets every open connection
   * on both sides, so the client and the server see it drop at once. Idempotent.
   */
  public synchronized void disconnect() {
    if (listener != null) {
      closeQuietly(listener);
      listener = null;
      awaitAcceptLoop();
    }
    for (var link : new ArrayList<>(links)) {
      link.reset();
    }
    links.clear();
  }

  /** Accepts connections again, on the same port. Idempotent. */
  public synchronized void reconnect() {
    if (closed) {
      throw new IllegalStateException("The proxy is closed");
    }
    if (listener == null) {
      listener = listen(port);
      acceptOn(listener);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      disconnect();
      closed = true;
    }
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ServerSocket listen(int port) {
    try {
      var socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, e);
    }
  }

  private synchronized void acceptOn(ServerSocket socket) {
    acceptLoop = threads.submit(() -> acceptUntilClosed(socket));
  }

  private void acceptUntilClosed(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        var client = socket.accept();
        threads.execute(() -> open(socket, client));
      } catch (IOException e) {
        // Closed by disconnect() or close(), which ends the loop; anything else, try again.
      }
    }
  }

  /**
   * Until the thread blocked in accept() wakes up, the kernel keeps the closed listening socket and
   * still completes connections to it, which open() then resets: a client would see its connection
   * reset instead of refused. Once the loop has ended, every new connection is refused.
   */
  private void awaitAcceptLoop() {
    try {
      acceptLoop.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("The proxy's accept loop did not end", e);
    }
  }

  private void open(ServerSocket acceptedBy, Socket client) {
    var upstream = new Socket();
    var link = new Link(client, upstream);
    synchronized (this) {
      if (listener != acceptedBy) {
        link.reset();
        return;
      }
      links.add(link);
    }
    try {
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
      upstream.connect(new InetSocketAddress(targetHost, targetPort), CONNECT_TIMEOUT_MS);
    } catch (IOException e) {
      forget(link);
      link.reset();
      return;
    }
    threads.execute(() -> pump(link, client, upstream));
    threads.execute(() -> pump(link, upstream, client));
  }

  private void pump(Link link, Socket from, Socket to) {
    var buffer = new byte[BUFFER_SIZE];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        out.flush();
      }
      forget(link);
      link.close();
    } catch (IOException e) {
      forget(link);
      link.reset();
    }
  }

  private synchronized void forget(Link link) {
    links.remove(link);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Already closed or broken: either way it is gone.
    }
  }

  /** One proxied connection: the client's socket and the one to the target. */
  private record Link(Socket client, Socket upstream) {

    /** Closes with SO_LINGER 0, which sends RST: the peer's next read or write fails at once. */
    void reset() {
      abort(client);
      abort(upstream);
    }

    /** An orderly close after one side ended the conversation. */
    void close() {
      closeQuietly(client);
      closeQuietly(upstream);
    }

    private static void abort(Socket socket) {
      try {
        socket.setSoLinger(true, 0);
      } catch (SocketException ignored) {
        // Not connected or already closed; closing is all that is left to do.
      }
      closeQuietly(socket);
    }
  }

  private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
    private static final AtomicInteger COUNT = new AtomicInteger();

    @Override
    public Thread newThread(Runnable runnable) {
      var thread = new Thread(runnable, "tcp-proxy-" + COUNT.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
