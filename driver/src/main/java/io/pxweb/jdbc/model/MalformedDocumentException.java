package io.pxweb.jdbc.model;

/** Thrown when a server response is not the document the API promises (HTML at 200, truncated JSON, missing keys). */
public final class MalformedDocumentException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedDocumentException(String message) {
    super(message);
  }
}
