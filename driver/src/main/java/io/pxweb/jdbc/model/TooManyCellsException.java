package io.pxweb.jdbc.model;

import java.sql.SQLException;

/**
 * A source refused a data request for selecting more cells than it serves in one response
 * (PxWebApi 2.0's "Too many cells selected", a v1 server's 403). The planner splits the request
 * and tries again; it is a failure of the user's statement only when one cell is too many.
 */
public class TooManyCellsException extends SQLException {
  private static final long serialVersionUID = 1L;
  /** SQLState class 54, "program limit exceeded", as PostgreSQL uses it. */
  public static final String SQLSTATE = "54000";

  public TooManyCellsException(String message) {
    super(message, SQLSTATE);
  }
}
