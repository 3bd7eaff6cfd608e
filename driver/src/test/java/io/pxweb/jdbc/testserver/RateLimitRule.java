package io.pxweb.jdbc.testserver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A rate limit the test server enforces the way AspNetCoreRateLimit does for the real servers:
 * a request beyond {@code calls} in a window gets 429 with {@code Retry-After} and the stock
 * text body (AspNetCoreRateLimit). It records every admitted request's arrival time, so tests can check
 * that the client never exceeded the limit.
 */
public final class RateLimitRule {
  private final int calls;
  private final long windowMillis;
  private final boolean ssbHeaders;
  private final Deque<Long> recent = new ArrayDeque<>();
  private final List<Long> admitted = new ArrayList<>();
  private int refused;

  /**
   * Creates a rule.
   *
   * @param ssbHeaders whether responses carry SSB's {@code x-ratelimit-policy} headers
   */
  RateLimitRule(int calls, long windowMillis, boolean ssbHeaders) {
    this.calls = calls;
    this.windowMillis = windowMillis;
    this.ssbHeaders = ssbHeaders;
  }

  public int calls() {
    return calls;
  }

  public long windowMillis() {
    return windowMillis;
  }

  boolean ssbHeaders() {
    return ssbHeaders;
  }

  /** Admits a request now, or refuses it; returns the seconds to wait, or 0 when admitted. */
  synchronized long admit() {
    long now = System.currentTimeMillis();
    while (!recent.isEmpty() && now - recent.peekFirst() >= windowMillis) {
      recent.pollFirst();
    }
    if (recent.size() >= calls) {
      refused++;
      return Math.max(1, (recent.peekFirst() + windowMillis - now + 999) / 1000);
    }
    recent.addLast(now);
    admitted.add(now);
    return 0;
  }

  synchronized int remaining() {
    return Math.max(0, calls - recent.size());
  }

  /** Returns how many requests were refused with 429. */
  public synchronized int refused() {
    return refused;
  }

  /** Returns how many requests were admitted. */
  public synchronized int admitted() {
    return admitted.size();
  }

  /** Returns the most admitted requests that arrived within any one window. */
  public synchronized int maxInAnyWindow() {
    int max = 0;
    int from = 0;
    for (int to = 0; to < admitted.size(); to++) {
      while (admitted.get(to) - admitted.get(from) >= windowMillis) {
        from++;
      }
      max = Math.max(max, to - from + 1);
    }
    return max;
  }

  /** Forgets all requests (between tests). */
  public synchronized void reset() {
    recent.clear();
    admitted.clear();
    refused = 0;
  }
}
