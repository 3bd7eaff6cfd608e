package io.pxweb.jdbc.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Values asked for one variable in a data request: all of them, or the listed codes.
 *
 * <p>Codes always come from the table's metadata, in table order, never from user text; so no
 * SQL literal can reach the server as an expression.
 *
 * @param variable variable code
 * @param all whether every value is selected (sent as {@code *})
 * @param codes the selected codes in table order (every code when {@code all})
 * @param positions position of each code in table order; lets the encoder send a run of
 *     neighbours as {@code range(a,b)} instead of listing it
 * @param latest whether the codes are the latest periods of the time variable (its last values
 *     in table order), which the encoder sends as {@code top(n)}
 */
public record Selection(String variable, boolean all, List<String> codes, List<Integer> positions,
    boolean latest) {

  /** Creates a selection that is not a run of latest periods. */
  public Selection(String variable, boolean all, List<String> codes, List<Integer> positions) {
    this(variable, all, codes, positions, false);
  }

  public Selection {
    requireNonNull(variable, "variable");
    codes = List.copyOf(codes);
    positions = List.copyOf(positions);
    if (codes.size() != positions.size()) {
      throw new IllegalArgumentException("codes and positions differ in length");
    }
  }

  public int size() {
    return codes.size();
  }
}
