package io.pxweb.jdbc.config;

/**
 * The driver's name and version, as it reports them to JDBC and in its User-Agent; kept
 * below the driver so the configuration needs nothing above it.
 */
public final class DriverName {
  public static final String NAME = "pxweb-jdbc";
  public static final String VERSION = "0.1.0";

  private DriverName() {
  }
}
