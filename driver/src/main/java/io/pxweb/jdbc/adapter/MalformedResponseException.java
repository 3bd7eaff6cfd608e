package io.pxweb.jdbc.adapter;

/** Thrown when a data response does not hold the cells its request asked for. */
final class MalformedResponseException extends Exception {
  private static final long serialVersionUID = 1L;

  MalformedResponseException(String message) {
    super(message);
  }
}
