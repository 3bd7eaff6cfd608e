package io.pxweb.jdbc.client;

import java.time.Duration;

/**
 * HTTP settings of one connection, taken from its connection properties.
 *
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout longest wait for the next bytes
 * @param callTimeout longest time for a whole call; zero for none
 * @param userAgent User-Agent header
 * @param maxUrlLength longest GET URL before the driver switches to POST
 */
public record ClientSettings(Duration connectTimeout, Duration readTimeout, Duration callTimeout,
    String userAgent, int maxUrlLength) {
}
