package bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * {@code POST /applications} at a fixed offered rate, open loop: request {@code i} is due at {@code
 * start + i / rate} whatever happened to the earlier ones, and its latency is counted from that
 * intended time, not from when it actually went out. A server that stalls therefore shows its
 * queueing in the figures instead of slowing the client down and hiding it (coordinated omission).
 *
 * <p>At most {@code maxInFlight} requests are outstanding, one per connection: each of that many
 * threads owns one keep-alive HTTP/1.1 connection, takes the next request number, sleeps until it
 * is due, writes it and reads the answer. When every connection is waiting, the next request goes
 * out late, and the wait shows up in its latency, as it should. The requests are encoded before the
 * first is due and the answers are read with a minimal HTTP/1.1 parser. With {@code java.net.http}
 * (futures, a selector thread and hand-offs per exchange) the harness's JVM spent 0.47 ms of CPU
 * per application in the fsync-off run of 2026-11-28, and about 1 ms per request sent in the first
 * durable run: at the 2,000/s target, one of this machine's two cores or more.
 *
 * <p>Given several base URLs (instances of the service), connection {@code i} goes to URL {@code i
 * % n}: the instances share the offered rate as a round-robin load balancer in front of them would
 * share it, and each request goes to whichever instance the next free connection leads to.
 */
final class OpenLoopLoad {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration START_LEAD = Duration.ofMillis(50);

  private final List<Target> targets;
  private final int maxInFlight;

  OpenLoopLoad(List<String> baseUrls, int maxInFlight) {
    if (baseUrls.isEmpty()) {
      throw new IllegalArgumentException("The load generator needs a base URL");
    }
    this.targets = baseUrls.stream().map(Target::new).toList();
    this.maxInFlight = maxInFlight;
  }

  /**
   * One instance's address, and the start of every request to it up to its {@code Host} header: the
   * rest of a request is the same whichever instance it goes to, so it is encoded once.
   */
  private static final class Target {

    final InetSocketAddress server;
    final byte[] requestStart;

    private Target(String baseUrl) {
      var uri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/").resolve("applications");
      if (!"http".equals(uri.getScheme())) {
        throw new IllegalArgumentException("The load generator speaks plain HTTP only: " + baseUrl);
      }
      int port = uri.getPort() == -1 ? 80 : uri.getPort();
      this.server = new InetSocketAddress(uri.getHost(), port);
      this.requestStart =
          ("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + port)
              .getBytes(StandardCharsets.US_ASCII);
    }
  }

  /** Sends every body, in order, at {@code rate} per second, and waits for the last answer. */
  Result run(List<String> bodies, int rate) {
    var requests = new ArrayList<byte[]>(bodies.size());
    for (var body : bodies) {
      requests.add(encode(body));
    }
    var step = new Step(requests, rate, System.nanoTime() + START_LEAD.toNanos());
    int connections = Math.min(maxInFlight, requests.size());
    var workers = new ArrayList<Thread>(connections);
    for (int i = 0; i < connections; i++) {
      var target = targets.get(i % targets.size());
      var worker = new Thread(() -> step.work(target), "bench-load-" + i);
      worker.setDaemon(true);
      worker.start();
      workers.add(worker);
    }
    // Every request goes out, however late; then the answers get two request timeouts.
    awaitAllSent(step, workers);
    long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos() * 2;
    boolean finished = true;
    for (var worker : workers) {
      finished &= join(worker, deadline);
    }
    var errorCounts = new TreeMap<String, Long>();
    step.errors.forEach((key, count) -> errorCounts.put(key, count.sum()));
    if (!finished) {
      errorCounts.put("no answer when the step ended", requests.size() - step.answered.sum());
    }
    return new Result(
        requests.size(),
        List.copyOf(step.accepted),
        Map.copyOf(errorCounts),
        step.latency.copy(),
        Duration.ofNanos(Math.max(0, step.maxLag.get())),
        Duration.ofNanos(Math.max(0, step.lastSent.get() - step.start)));
  }

  /** A request from after its {@code Host} header on; {@link Target#requestStart} goes first. */
  private static byte[] encode(String body) {
    var content = body.getBytes(StandardCharsets.UTF_8);
    var head =
        ("\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
                + content.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    var request = new byte[head.length + content.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(content, 0, request, head.length, content.length);
    return request;
  }

  /** One step's schedule and what its connections saw. */
  private static final class Step {

    final List<byte[]> requests;
    final double nanosPerRequest;
    final long start;
    final AtomicInteger next = new AtomicInteger();
    final CountDownLatch allSent = new CountDownLatch(1);
    final ConcurrentHistogram latency = new ConcurrentHistogram(3);
    final ConcurrentLinkedQueue<UUID> accepted = new ConcurrentLinkedQueue<>();
    final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
    final LongAdder answered = new LongAdder();
    final LongAccumulator maxLag = new LongAccumulator(Math::max, 0);
    final LongAccumulator lastSent;

    Step(List<byte[]> requests, int rate, long start) {
      this.requests = requests;
      this.nanosPerRequest = 1e9 / rate;
      this.start = start;
      this.lastSent = new LongAccumulator(Math::max, start);
    }

    /** One connection's loop: the next request that is due, until there are none. */
    void work(Target target) {
      var connection = new Connection(target);
      try {
        for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
          long intended = start + Math.round(i * nanosPerRequest);
          parkUntil(intended);
          long sent = System.nanoTime();
          maxLag.accumulate(sent - intended);
          lastSent.accumulate(sent);
          if (i == requests.size() - 1) {
            allSent.countDown();
          }
          String error;
          try {
            var answer = connection.exchange(requests.get(i));
            error = answer.error();
            if (error == null) {
              accepted.add(answer.applicationId());
            }
          } catch (IOException | RuntimeException e) {
            connection.close();
            error = e.getClass().getName();
          }
          latency.recordValue(
              TimeUnit.NANOSECONDS.toMicros(Math.max(0, System.nanoTime() - intended)));
          if (error != null) {
            errors.computeIfAbsent(error, key -> new LongAdder()).increment();
          }
          answered.increment();
        }
      } finally {
        connection.close();
      }
    }
  }

  /** One keep-alive connection, opened when first needed and again after the server closes it. */
  private static final class Connection {

    private final Target target;
    private final byte[] buffer = new byte[16 * 1024];
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Connection(Target target) {
      this.target = target;
    }

    Answer exchange(byte[] request) throws IOException {
      HttpResponse response;
      if (socket == null) {
        open();
        response = send(request);
      } else {
        try {
          response = send(request);
        } catch (SocketTimeoutException e) {
          throw e;
        } catch (IOException e) {
          response = null;
        }
        if (response == null) {
          // The server had closed the idle connection, so it never read the request: it goes
          // again on a new one.
          close();
          open();
          response = send(request);
        }
      }
      if (response == null) {
        close();
        throw new IOException("connection closed before an answer");
      }
      if (response.close()) {
        close();
      }
      return Answer.of(response);
    }

    private HttpResponse send(byte[] request) throws IOException {
      out.write(target.requestStart);
      out.write(request);
      out.flush();
      return HttpResponse.read(in, buffer);
    }

    private void open() throws IOException {
      var opened = new Socket();
      opened.setTcpNoDelay(true);
      opened.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
      opened.connect(target.server, (int) REQUEST_TIMEOUT.toMillis());
      socket = opened;
      in = new BufferedInputStream(opened.getInputStream(), buffer.length);
      // The request's two parts leave in one write, as one segment with TCP_NODELAY.
      out = new BufferedOutputStream(opened.getOutputStream(), buffer.length);
    }

    void close() {
      if (socket == null) {
        return;
      }
      try {
        socket.close();
      } catch (IOException e) {
        // Nothing left to do with it.
      }
      socket = null;
    }
  }

  /** An accepted application's id, or what counts as the error instead. */
  record Answer(UUID applicationId, String error) {

    static Answer of(HttpResponse response) {
      if (response.status() != 202) {
        return new Answer(null, "HTTP " + response.status());
      }
      var id = OpenLoopLoad.applicationId(response.body());
      return id == null ? new Answer(null, "202 without an application id") : new Answer(id, null);
    }
  }

  /** The {@code application_id} string of a JSON object, without building the object. */
  static UUID applicationId(String json) {
    var key = "\"application_id\"";
    int at = json.indexOf(key);
    if (at < 0) {
      return null;
    }
    int i = skipSpaces(json, at + key.length());
    if (i >= json.length() || json.charAt(i) != ':') {
      return null;
    }
    i = skipSpaces(json, i + 1);
    if (i >= json.length() || json.charAt(i) != '"') {
      return null;
    }
    int end = json.indexOf('"', i + 1);
    if (end < 0) {
      return null;
    }
    try {
      return UUID.fromString(json.substring(i + 1, end));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * The parts of an HTTP/1.1 response the harness needs: the status, the body (by {@code
   * Content-Length} or chunked) and whether the server closes the connection after it.
   */
  record HttpResponse(int status, String body, boolean close) {

    /** Null when the stream ends before a status line: the server closed the connection. */
    static HttpResponse read(InputStream in, byte[] buffer) throws IOException {
      var statusLine = line(in, buffer);
      if (statusLine == null) {
        return null;
      }
      var parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP/1.1 status line: " + statusLine);
      }
      int status = Integer.parseInt(parts[1]);
      boolean close = "HTTP/1.0".equals(parts[0]);
      long length = -1;
      boolean chunked = false;
      for (var header = requiredLine(in, buffer);
          !header.isEmpty();
          header = requiredLine(in, buffer)) {
        int colon = header.indexOf(':');
        if (colon < 0) {
          continue;
        }
        var name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        var value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.contains("chunked");
          case "connection" -> close = value.contains("close");
          default -> {
            // Not needed.
          }
        }
      }
      String body;
      if (chunked) {
        body = chunkedBody(in, buffer);
      } else if (length >= 0) {
        body = new String(exactly(in, (int) length), StandardCharsets.UTF_8);
      } else {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        close = true;
      }
      return new HttpResponse(status, body, close);
    }

    private static String chunkedBody(InputStream in, byte[] buffer) throws IOException {
      var body = new StringBuilder();
      while (true) {
        var sizeLine = requiredLine(in, buffer);
        int extension = sizeLine.indexOf(';');
        int size =
            Integer.parseInt(
                (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
        if (size == 0) {
          // Trailers, if any, end with an empty line.
          boolean trailer = true;
          while (trailer) {
            trailer = !requiredLine(in, buffer).isEmpty();
          }
          return body.toString();
        }
        body.append(new String(exactly(in, size), StandardCharsets.UTF_8));
        requiredLine(in, buffer);
      }
    }

    private static byte[] exactly(InputStream in, int length) throws IOException {
      var bytes = in.readNBytes(length);
      if (bytes.length < length) {
        throw new IOException("connection closed inside a response body");
      }
      return bytes;
    }

    private static String requiredLine(InputStream in, byte[] buffer) throws IOException {
      var line = line(in, buffer);
      if (line == null) {
        throw new IOException("connection closed inside a response");
      }
      return line;
    }

    /** One CRLF-terminated line without its terminator; null at the end of the stream. */
    private static String line(InputStream in, byte[] buffer) throws IOException {
      int length = 0;
      for (int b = in.read(); b != -1; b = in.read()) {
        if (b == '\n') {
          int end = length > 0 && buffer[length - 1] == '\r' ? length - 1 : length;
          return new String(buffer, 0, end, StandardCharsets.ISO_8859_1);
        }
        if (length == buffer.length) {
          throw new IOException("response line longer than " + buffer.length + " bytes");
        }
        buffer[length++] = (byte) b;
      }
      if (length == 0) {
        return null;
      }
      throw new IOException("connection closed inside a response line");
    }
  }

  private static void awaitAllSent(Step step, List<Thread> workers) {
    try {
      while (!step.allSent.await(100, TimeUnit.MILLISECONDS)) {
        if (workers.stream().noneMatch(Thread::isAlive)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while sending", e);
    }
  }

  private static boolean join(Thread worker, long deadline) {
    try {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        worker.join(Duration.ofNanos(left).toMillis() + 1);
      }
      return !worker.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the last answers", e);
    }
  }

  private static void parkUntil(long nanoTime) {
    long wait;
    while ((wait = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  /**
   * What the client saw in one step.
   *
   * @param latency submit latency in microseconds from each request's intended send time, errors
   *     included
   * @param maxLag how far behind its schedule the client ever sent (its own limit, or the in-flight
   *     cap)
   * @param sendSpan from the first intended send to the last actual one
   */
  record Result(
      int sent,
      List<UUID> accepted,
      Map<String, Long> errors,
      Histogram latency,
      Duration maxLag,
      Duration sendSpan) {

    long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
