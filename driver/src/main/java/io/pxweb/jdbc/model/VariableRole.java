package io.pxweb.jdbc.model;

/** Role of a variable in a table, from JSON-stat's {@code role} object. */
public enum VariableRole {
  /** The time variable ({@code role.time}); its codes are periods such as 2024M03. */
  TIME,
  /** The content variable ({@code role.metric}); its values become measure columns. */
  CONTENT,
  /** A geographical variable ({@code role.geo}). */
  GEO,
  /** Any other classification variable. */
  REGULAR
}
