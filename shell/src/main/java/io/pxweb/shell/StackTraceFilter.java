package io.pxweb.shell;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Error stream that drops Java stack traces and passes everything else through, line by line
 * (a carriage return ends a line too, so progress lines appear at once).
 */
final class StackTraceFilter extends PrintStream {
  private static final Pattern TRACE = Pattern.compile(
      "^(\\s+at \\S.*|\\s*\\.\\.\\. \\d+ more|Caused by: .*|\\s*Suppressed: .*"
          + "|[a-zA-Z_$][\\w$]*(\\.[\\w$]+)+(Exception|Error)(: .*)?)$");

  StackTraceFilter(OutputStream target) {
    super(new LineFilter(target), true, StandardCharsets.UTF_8);
  }

  /** The byte-level filter: buffers one line, then forwards it unless it belongs to a trace. */
  private static final class LineFilter extends OutputStream {
    private final OutputStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineFilter(OutputStream target) {
      this.target = target;
    }

    @Override public synchronized void write(int b) throws java.io.IOException {
      if (b == '\n' || b == '\r') {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (!TRACE.matcher(text).matches()) {
          target.write(text.getBytes(StandardCharsets.UTF_8));
          target.write(b);
          target.flush();
        }
      } else {
        line.write(b);
      }
    }

    @Override public synchronized void flush() throws java.io.IOException {
      target.flush();
    }

    @Override public synchronized void close() throws java.io.IOException {
      if (line.size() > 0) {
        write('\n');
      }
      target.flush();
    }
  }
}
