package io.pxweb.jdbc;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOP_FallbackServiceProvider;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Keeps the driver a quiet guest: in a program with no SLF4J provider, SLF4J would print three
 * lines ("No SLF4J providers were found", ...) to standard error at the first connection, when
 * Calcite asks for its loggers. A host with a provider logs the driver as before, through it.
 *
 * <p>SLF4J is not relocated in the shaded jar: it is an API meant to be shared, and a relocated
 * copy would miss the host's logging. So before Calcite first asks, the driver looks for
 * providers the way SLF4J does (the service loader of SLF4J's own class loader); with none, it
 * starts SLF4J with its no-operation provider named explicitly, which SLF4J accepts without a
 * warning. The two system properties that say so (the provider, and that SLF4J reports no
 * information about it) are set only for that moment and restored: SLF4J reads them once, and
 * nothing of the host's is left changed.
 */
final class QuietLogging {
  private static final String PROVIDER = "slf4j.provider";
  private static final String VERBOSITY = "slf4j.internal.verbosity";

  private QuietLogging() {
  }

  /** Starts SLF4J without a word when the program has no provider; otherwise does nothing. */
  static synchronized void startQuietlyWithoutProvider() {
    try {
      if (System.getProperty(PROVIDER) != null || System.getProperty(VERBOSITY) != null
          || hasProvider()) {
        return;
      }
      System.setProperty(PROVIDER, NOP_FallbackServiceProvider.class.getName());
      System.setProperty(VERBOSITY, "WARN");
      try {
        LoggerFactory.getILoggerFactory();
      } finally {
        System.clearProperty(PROVIDER);
        System.clearProperty(VERBOSITY);
      }
    } catch (SecurityException | LinkageError | ServiceConfigurationError e) {
      // An older SLF4J first on the host's classpath, or a host that forbids properties:
      // SLF4J starts as it would have without the driver, and says what it says.
    }
  }

  private static boolean hasProvider() {
    ClassLoader loader = LoggerFactory.class.getClassLoader();
    return ServiceLoader.load(SLF4JServiceProvider.class, loader).iterator().hasNext();
  }
}
