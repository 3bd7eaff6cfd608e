package io.pxweb.jdbc.adapter;

import java.util.function.Supplier;
import org.apache.calcite.avatica.util.Cursor;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The rows of one statbank scan, as {@link PxWebTable#query} returns them. Calcite's operators
 * read them as {@code Object[]} rows; when a statement's plan is this scan alone, its result
 * set reads them through {@link #cursor()} instead, column by column from the responses, with
 * no row built (issue 15: the row path had cost five to eight times the parse).
 */
public final class ScanEnumerable extends AbstractEnumerable<Object[]> {
  private final Supplier<PxWebEnumerator> enumerators;

  ScanEnumerable(Supplier<PxWebEnumerator> enumerators) {
    this.enumerators = enumerators;
  }

  @Override public Enumerator<Object[]> enumerator() {
    return enumerators.get();
  }

  /**
   * Returns a JDBC cursor over the same rows as {@link #enumerator()}, with the same requests,
   * read-ahead, cancel, timeout and errors, that answers each getter from the response's arrays.
   */
  public Cursor cursor() {
    return new ScanCursor(enumerators.get());
  }
}
