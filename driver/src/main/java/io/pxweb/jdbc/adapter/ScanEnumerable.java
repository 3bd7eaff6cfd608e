package io.pxweb.jdbc.adapter;

import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.calcite.avatica.util.Cursor;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * The rows of one statbank scan, as {@link PxWebTable#query} returns them. Calcite's operators
 * read them as rows ({@code Object[]}, or the bare value of a one-column row); when a
 * statement's plan is this scan alone, its result set reads them through {@link #cursor()}
 * instead, column by column from the responses, with no row built (issue 15: the row path had
 * cost five to eight times the parse).
 *
 * @param <T> the row format: {@code Object[]}, or a one-column row's value
 */
public final class ScanEnumerable<T> extends AbstractEnumerable<T> {
  private final Supplier<PxWebEnumerator> enumerators;
  private final Function<Enumerator<Object[]>, Enumerator<T>> format;

  private ScanEnumerable(Supplier<PxWebEnumerator> enumerators,
      Function<Enumerator<Object[]>, Enumerator<T>> format) {
    this.enumerators = enumerators;
    this.format = format;
  }

  /** The rows as arrays. */
  static ScanEnumerable<Object[]> of(Supplier<PxWebEnumerator> enumerators) {
    return new ScanEnumerable<>(enumerators, e -> e);
  }

  /** The same rows of one column, each as its value (Calcite's SCALAR row format). */
  ScanEnumerable<Object> scalar() {
    Function<Enumerator<Object[]>, Enumerator<T>> f = format;
    return new ScanEnumerable<>(enumerators,
        e -> Linq4j.transform(f.apply(e), r -> ((Object[]) r)[0]));
  }

  @Override public Enumerator<T> enumerator() {
    return format.apply(enumerators.get());
  }

  /**
   * Returns a JDBC cursor over the same rows as {@link #enumerator()}, with the same requests,
   * read-ahead, cancel, timeout and errors, that answers each getter from the response's arrays.
   */
  public Cursor cursor() {
    return new ScanCursor(enumerators.get());
  }

  /**
   * Whether an accessor of {@link #cursor()} answers {@code getObject()} with what JDBC's
   * {@code ResultSet.getObject(int)} returns for its column (Avatica's {@code AvaticaSite.get}
   * asks a VARCHAR for its string, a DECIMAL for its BigDecimal, a DATE for its date in the
   * result set's calendar: these accessors' {@code getObject()} answers exactly that).
   */
  public static boolean answersGetObject(Cursor.Accessor accessor) {
    return accessor instanceof ScanCursor.StringCell || accessor instanceof ScanCursor.DecimalCell
        || accessor instanceof ScanCursor.DateCell;
  }
}
