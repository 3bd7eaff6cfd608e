package io.pxweb.jdbc.adapter;

import java.sql.SQLException;

/**
 * Unchecked carrier of a {@link SQLException} through Calcite's enumerators, which cannot throw
 * checked exceptions; the driver unwraps it so the user sees the original SQLState and message.
 */
public final class PxWebQueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PxWebQueryException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  @Override public synchronized SQLException getCause() {
    return (SQLException) super.getCause();
  }
}
