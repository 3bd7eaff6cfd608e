package io.pxweb.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLSyntaxErrorException;
import org.junit.jupiter.api.Test;

class StackTraceFilterTest {
  @Test
  void keepsMessagesAndProgressDropsTraces() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StackTraceFilter err = new StackTraceFilter(out);
    err.println("Error: Object 'nosuch' not found (state=42S02,code=0)");
    new SQLSyntaxErrorException("Object 'nosuch' not found", "42S02",
        new IllegalStateException("inner")).printStackTrace(err);
    err.print("\rpxweb: 1/3 requests, 1,000 cells");
    err.print("\rpxweb: 2/3 requests, 2,000 cells\n");
    err.flush();
    assertEquals("Error: Object 'nosuch' not found (state=42S02,code=0)\n"
        + "\r" + "pxweb: 1/3 requests, 1,000 cells\r"
        + "pxweb: 2/3 requests, 2,000 cells\n", out.toString(StandardCharsets.UTF_8));
  }
}
