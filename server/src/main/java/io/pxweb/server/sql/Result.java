package io.pxweb.server.sql;

/** What a statement produced: rows to send, or only a command tag. */
record Result(String tag, Rows rows) {
  static Result tag(String tag) {
    return new Result(tag, null);
  }

  static Result rows(Rows rows) {
    return new Result(null, rows);
  }
}
