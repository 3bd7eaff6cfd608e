package io.pxweb.jdbc.http;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pacer of the calls to one server, shared by every connection and thread of the JVM: at most
 * {@code calls} requests start in any window of {@code window} length.
 *
 * <p>A sliding window over the start times of the last calls: it never exceeds the limit in
 * any window (so also not in the server's fixed windows), and lets queued work use the limit
 * fully. Limits come, most trusted first, from the {@code rateLimit} property, the server's
 * {@code /config}, or its rate-limit headers (SSB's {@code x-ratelimit-policy: 40;w=60s}, as
 * SSB's {@code /config} says 0/0); until one is known a conservative default applies.
 */
public final class RateLimiter {
  /** Where a limit came from; a more trusted source is never overridden by a less trusted one. */
  public enum Source { DEFAULT, HEADERS, CONFIG, PROPERTY }

  /** Below every limit seen (SSB 30-40/60s, SCB 30/10s) in burst and rate, until the server says. */
  public static final int DEFAULT_CALLS = 10;
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(20);
  /** Added to the window: the server counts arrivals, which can lag the client's start times. */
  private static final long MARGIN_NANOS = Duration.ofMillis(250).toNanos();
  private static final long POLL_MILLIS = 100;
  private static final Pattern POLICY = Pattern.compile("^\\s*(\\d+)\\s*;\\s*w\\s*=\\s*(\\d+)\\s*(ms|s|m|h)?");

  /** Longest window a rate-limit header may set; real ones are seconds to minutes. */
  private static final Duration MAX_HEADER_WINDOW = Duration.ofDays(1);

  private static final Map<String, RateLimiter> BY_SERVER = new ConcurrentHashMap<>();

  /**
   * The calls in the window: {time, answered}. A call counts from its start until it is
   * answered, then from the time of its answer: the server counts arrivals, which lie between
   * the two, and on a loaded host can lag the start by more than any fixed margin.
   */
  private final ArrayDeque<long[]> starts = new ArrayDeque<>();
  private int calls = DEFAULT_CALLS;
  private long windowNanos = DEFAULT_WINDOW.toNanos();
  private Source source = Source.DEFAULT;
  private boolean unlimited;
  private long pausedUntil;

  RateLimiter() {
  }

  /** Returns the limiter of a server (by base URL), creating it on first use. */
  public static RateLimiter forServer(String baseUrl) {
    String key = baseUrl.toLowerCase(Locale.ROOT);
    RateLimiter limiter = BY_SERVER.get(key);
    if (limiter == null && BY_SERVER.size() >= MAX_SERVERS) {
      // Only limiters that remember no call in their window may go: forgetting one that does
      // would let the next connection exceed the server's limit.
      BY_SERVER.values().removeIf(RateLimiter::idle);
    }
    return limiter != null ? limiter : BY_SERVER.computeIfAbsent(key, k -> new RateLimiter());
  }

  /** Servers whose limiters a JVM keeps before it drops idle ones. */
  static final int MAX_SERVERS = 256;

  /** Returns whether no call of this limiter's window is remembered and no pause is due. */
  private synchronized boolean idle() {
    long now = System.nanoTime();
    starts.removeIf(call -> now - call[0] >= windowNanos + MARGIN_NANOS);
    return starts.isEmpty() && pausedUntil - now <= 0 && source != Source.PROPERTY;
  }

  /**
   * Longest window taken from a server: longer ones (a /config that says 2147483647 s) are
   * clamped, since no statbank rations by the day and the figure would stall every call.
   */
  public static final Duration MAX_WINDOW = Duration.ofHours(1);

  /**
   * Sets the limit, unless a more trusted source set it already; calls of 0 are ignored and a
   * server's window is clamped to {@link #MAX_WINDOW}.
   */
  public synchronized void configure(int calls, Duration window, Source from) {
    if (from.ordinal() < source.ordinal() || calls <= 0 || window.isZero() || window.isNegative()) {
      return;
    }
    this.calls = calls;
    this.windowNanos = from == Source.PROPERTY || window.compareTo(MAX_WINDOW) <= 0
        ? window.toNanos() : MAX_WINDOW.toNanos();
    this.source = from;
    this.unlimited = false;
    notifyAll();
  }

  /** Turns pacing off (the {@code rateLimit=none} property). */
  public synchronized void disable() {
    this.unlimited = true;
    this.source = Source.PROPERTY;
    notifyAll();
  }

  /** Learns the limit from response headers, when no more trusted source has set it. */
  public void learn(String policyHeader, String limitHeader) {
    if (policyHeader != null) {
      Matcher m = POLICY.matcher(policyHeader);
      // Figures beyond nine digits, or a window beyond a day, are no limit to follow (and would
      // overflow the nanosecond arithmetic): ignored, as is a header that says nothing readable.
      if (policyHeader.length() <= 200 && m.find() && m.group(1).length() <= 9
          && m.group(2).length() <= 9) {
        long n = Long.parseLong(m.group(2));
        String unit = m.group(3) == null ? "s" : m.group(3);
        Duration window = switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofSeconds(n);
        };
        if (window.compareTo(MAX_HEADER_WINDOW) <= 0) {
          configure(Integer.parseInt(m.group(1)), window, Source.HEADERS);
          return;
        }
      }
    }
    if (limitHeader != null && limitHeader.trim().matches("\\d{1,9}")) {
      configure(Integer.parseInt(limitHeader.trim()), DEFAULT_WINDOW, Source.HEADERS);
    }
  }

  /**
   * Records that a call was answered (its response has begun): from now on the oldest call not
   * yet answered counts from now, which is no earlier than its arrival at the server.
   */
  public synchronized void answered() {
    for (long[] call : starts) {
      if (call[1] == 0) {
        call[0] = System.nanoTime();
        call[1] = 1;
        notifyAll();
        return;
      }
    }
  }

  /** Holds every call back until the given time: the server said "retry after". */
  public synchronized void pauseUntil(long nanoTime) {
    pausedUntil = Math.max(pausedUntil, nanoTime);
  }

  /**
   * Waits until a call may start, then records its start.
   *
   * @param cancelled polled while waiting; when it turns true the wait ends
   * @return false when cancelled before a slot was free
   */
  public boolean acquire(BooleanSupplier cancelled) throws InterruptedException {
    return acquire(cancelled, Long.MAX_VALUE) == 0;
  }

  /**
   * Waits until a call may start, then records its start; never waits longer than allowed.
   *
   * @param cancelled polled while waiting; when it turns true the wait ends
   * @param maxWaitNanos longest acceptable wait ({@code Long.MAX_VALUE} for any)
   * @return 0 when the call may start, -1 when cancelled, else the wait the limit asks for,
   *     which is longer than allowed (nothing was waited for then)
   */
  public synchronized long acquire(BooleanSupplier cancelled, long maxWaitNanos)
      throws InterruptedException {
    long waitStart = System.nanoTime();
    while (true) {
      if (cancelled.getAsBoolean()) {
        return -1;
      }
      long now = System.nanoTime();
      if (unlimited) {
        return 0;
      }
      long window = windowNanos + MARGIN_NANOS;
      starts.removeIf(call -> now - call[0] >= window);
      long wait = pausedUntil - now;
      if (starts.size() >= calls) {
        long[] times = new long[starts.size()];
        int i = 0;
        for (long[] call : starts) {
          times[i++] = call[0];
        }
        Arrays.sort(times);
        wait = Math.max(wait, times[starts.size() - calls] + window - now);
      }
      if (wait <= 0) {
        starts.addLast(new long[] {now, 0});
        return 0;
      }
      // Known at once: fail now rather than after the time is spent.
      if (maxWaitNanos != Long.MAX_VALUE && wait > maxWaitNanos - (now - waitStart)) {
        return wait;
      }
      wait(Math.max(1, Math.min(POLL_MILLIS, wait / 1_000_000)));
    }
  }

  /**
   * Returns the error of a call the rate limit would hold back longer than allowed.
   *
   * @param waitNanos the wait the limit asked for
   * @param server the server, for the message
   */
  public SQLException tooLong(long waitNanos, String server) {
    return new SQLTimeoutException("The rate limit of " + server + " (" + describe()
        + ") would hold this call back " + Duration.ofNanos(waitNanos).toSeconds() + " s, longer"
        + " than the time left (retryMaxTime, the query or login timeout)", "HYT00");
  }

  /** Describes the limit in force, e.g. "40 calls / 60s (headers)". */
  public synchronized String describe() {
    return unlimited ? "unlimited (property)"
        : calls + " calls / " + Duration.ofNanos(windowNanos).toMillis() / 1000.0 + "s ("
            + source.name().toLowerCase(Locale.ROOT) + ")";
  }
}
