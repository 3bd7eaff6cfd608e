package io.pxweb.jdbc.adapter.klass;

import io.pxweb.jdbc.adapter.FixedColumn;
import io.pxweb.jdbc.klass.KlassDocuments;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Row shapes of the Klass tables and functions: their columns, and the turning of Klass's
 * values into rows in Calcite's internal form (DATE as days since 1970-01-01, TIMESTAMP as
 * milliseconds since 1970-01-01 UTC).
 */
final class KlassRows {
  /** Columns of a classification's table: every version of every code. */
  private static final List<FixedColumn> CODE_HISTORY = List.of(
      new FixedColumn("code", SqlTypeName.VARCHAR, false),
      new FixedColumn("parent_code", SqlTypeName.VARCHAR, true),
      new FixedColumn("level", SqlTypeName.INTEGER, true),
      new FixedColumn("name", SqlTypeName.VARCHAR, true),
      new FixedColumn("short_name", SqlTypeName.VARCHAR, true),
      new FixedColumn("presentation_name", SqlTypeName.VARCHAR, true),
      new FixedColumn("valid_from", SqlTypeName.DATE, true),
      new FixedColumn("valid_to", SqlTypeName.DATE, true),
      new FixedColumn("notes", SqlTypeName.VARCHAR, true));
  static final int CODE = FixedColumn.index(CODE_HISTORY, "code");
  static final int LEVEL = FixedColumn.index(CODE_HISTORY, "level");

  /** Columns of {@code codes_at} and {@code variant_at}: a code history without validity. */
  private static final List<FixedColumn> CODES_AT = CODE_HISTORY.stream()
      .filter(c -> !c.name().startsWith("valid_")).toList();

  /** Columns of {@code classifications}. */
  private static final List<FixedColumn> CLASSIFICATIONS = List.of(
      new FixedColumn("id", SqlTypeName.INTEGER, false),
      new FixedColumn("name", SqlTypeName.VARCHAR, true),
      new FixedColumn("classification_type", SqlTypeName.VARCHAR, true),
      new FixedColumn("last_modified", SqlTypeName.TIMESTAMP, 3, true),
      new FixedColumn("search", SqlTypeName.VARCHAR, true),
      new FixedColumn("snippet", SqlTypeName.VARCHAR, true),
      new FixedColumn("search_score", SqlTypeName.DOUBLE, true));
  static final int SEARCH = FixedColumn.index(CLASSIFICATIONS, "search");

  /** Columns of {@code corresponds_at}. */
  private static final List<FixedColumn> CORRESPONDENCE = List.of(
      new FixedColumn("source_code", SqlTypeName.VARCHAR, true),
      new FixedColumn("source_name", SqlTypeName.VARCHAR, true),
      new FixedColumn("source_short_name", SqlTypeName.VARCHAR, true),
      new FixedColumn("target_code", SqlTypeName.VARCHAR, true),
      new FixedColumn("target_name", SqlTypeName.VARCHAR, true),
      new FixedColumn("target_short_name", SqlTypeName.VARCHAR, true));

  /** Columns of {@code changes}. */
  private static final List<FixedColumn> CHANGES = List.of(
      new FixedColumn("old_code", SqlTypeName.VARCHAR, true),
      new FixedColumn("old_name", SqlTypeName.VARCHAR, true),
      new FixedColumn("old_short_name", SqlTypeName.VARCHAR, true),
      new FixedColumn("new_code", SqlTypeName.VARCHAR, true),
      new FixedColumn("new_name", SqlTypeName.VARCHAR, true),
      new FixedColumn("new_short_name", SqlTypeName.VARCHAR, true),
      new FixedColumn("change_occurred", SqlTypeName.DATE, true));

  private KlassRows() {
  }

  /** Row type of a classification's table. */
  static RelDataType codeHistoryType(RelDataTypeFactory types) {
    return FixedColumn.rowType(types, CODE_HISTORY);
  }

  /** Row type of {@code codes_at} and {@code variant_at}: the codes valid at one date. */
  static RelDataType codesAtType(RelDataTypeFactory types) {
    return FixedColumn.rowType(types, CODES_AT);
  }

  /** Row type of {@code classifications}. */
  static RelDataType classificationsType(RelDataTypeFactory types) {
    return FixedColumn.rowType(types, CLASSIFICATIONS);
  }

  /** Row type of {@code corresponds_at}. */
  static RelDataType correspondenceType(RelDataTypeFactory types) {
    return FixedColumn.rowType(types, CORRESPONDENCE);
  }

  /** Row type of {@code changes}. */
  static RelDataType changeType(RelDataTypeFactory types) {
    return FixedColumn.rowType(types, CHANGES);
  }

  /** A row of {@link #CODE_HISTORY}. */
  static Object[] codeHistory(KlassDocuments.Code c) {
    return new Object[] {c.code(), c.parentCode(), c.level(), c.name(), c.shortName(),
        c.presentationName(), date(c.validFrom()), date(c.validTo()), c.notes()};
  }

  /** A row of {@link #CODES_AT}. */
  static Object[] codeAt(KlassDocuments.Code c) {
    return new Object[] {c.code(), c.parentCode(), c.level(), c.name(), c.shortName(),
        c.presentationName(), c.notes()};
  }

  static Object[] classification(KlassDocuments.Classification c) {
    return new Object[] {c.id(), c.name(), c.type(), timestamp(c.lastModified()), null, null,
        null};
  }

  /** A search hit; Klass's search does not say the type or the time of the last change. */
  static Object[] searchHit(KlassDocuments.SearchHit h, String query) {
    return new Object[] {h.id(), h.name(), null, null, query, h.snippet(), h.score()};
  }

  static Object[] correspondence(KlassDocuments.Correspondence c) {
    return new Object[] {c.sourceCode(), c.sourceName(), c.sourceShortName(), c.targetCode(),
        c.targetName(), c.targetShortName()};
  }

  static Object[] change(KlassDocuments.Change c) {
    return new Object[] {c.oldCode(), c.oldName(), c.oldShortName(), c.newCode(), c.newName(),
        c.newShortName(), date(c.changeOccurred())};
  }

  private static Integer date(LocalDate d) {
    return d == null ? null : (int) d.toEpochDay();
  }

  private static Long timestamp(Instant t) {
    return t == null ? null : t.toEpochMilli();
  }
}
