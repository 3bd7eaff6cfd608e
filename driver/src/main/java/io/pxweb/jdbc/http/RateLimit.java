package io.pxweb.jdbc.http;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A limit of calls per time window as the {@code rateLimit} property states it ({@code 30/60s},
 * {@code 10/1m}, {@code none}): it overrides what a server reports about itself.
 *
 * @param calls calls allowed per window; 0 with a zero window for "no pacing at all"
 * @param window length of the window
 */
public record RateLimit(int calls, Duration window) {
  /** No pacing: for a server the user knows to be unlimited (a local mirror). */
  public static final RateLimit NONE = new RateLimit(0, Duration.ZERO);

  private static final Pattern LIMIT = Pattern.compile("(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*(ms|s|m|h)?");

  /**
   * Reads the property's text.
   *
   * @throws IllegalArgumentException saying what is expected
   */
  public static RateLimit parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("none")) {
      return NONE;
    }
    Matcher m = LIMIT.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected calls/window such as 30/10s, or none");
    }
    long n = Long.parseLong(m.group(2));
    Duration window = switch (m.group(3) == null ? "s" : m.group(3)) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
    return new RateLimit(Integer.parseInt(m.group(1)), window);
  }

  /** Applies this limit to a server's limiter, in place of what the server reports. */
  public void applyTo(RateLimiter limiter) {
    if (this.equals(NONE)) {
      limiter.disable();
    } else {
      limiter.configure(calls, window, RateLimiter.Source.PROPERTY);
    }
  }
}
