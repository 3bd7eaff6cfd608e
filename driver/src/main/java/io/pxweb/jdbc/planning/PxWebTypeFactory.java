package io.pxweb.jdbc.planning;

import java.nio.charset.Charset;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.ConversionUtil;

/**
 * The type factory of every connection: Calcite's, with Unicode as the character set of text.
 *
 * <p>Calcite gives character types and string literals the character set of the JVM-wide
 * system property {@code calcite.default.charset}, ISO-8859-1 unless set
 * ({@code RelDataTypeFactoryImpl.getDefaultCharset} reads {@code Util.getDefaultCharset}), and
 * rejects a literal that charset cannot encode: {@code 'Rīga'}, {@code 'Я'} and {@code '€'}
 * failed with "Failed to encode". Setting the property would change every other Calcite user in
 * the JVM (the shaded jar does not relocate Calcite), so the driver answers the question on the
 * one object each connection owns: its type factory, through which the validator types literals
 * ({@code SqlLiteral.createSqlType}, {@code SqlUtil.createNlsStringType}), parameters and the
 * tables' columns.
 *
 * <p>The charset is UTF-16 in the platform's byte order, the one Calcite's parser gives
 * {@code U&'...'} literals ({@code ConversionUtil.NATIVE_UTF16_CHARSET_NAME}), so they compare
 * with columns and plain literals without a "different charsets" error. Java strings are
 * UTF-16, so every text a source returns fits.
 *
 * <p>Types made elsewhere with Calcite's default become Unicode when the connection copies them:
 * an attached database's tables ({@code JdbcSchema} types its columns with a factory of its
 * own) reach a statement through {@link #copyType}, and must compare with the statbank's
 * columns and the literals (Calcite refuses to compare text of two charsets).
 */
public final class PxWebTypeFactory extends JavaTypeFactoryImpl {
  /** The name Calcite gives the charset, as in its SQL: {@code _UTF-16LE'Rīga'}. */
  public static final String CHARSET_NAME = ConversionUtil.NATIVE_UTF16_CHARSET_NAME;

  private static final Charset UNICODE = Charset.forName(CHARSET_NAME);

  public PxWebTypeFactory(RelDataTypeSystem typeSystem) {
    super(typeSystem);
  }

  @Override public Charset getDefaultCharset() {
    return UNICODE;
  }

  @Override public RelDataType copyType(RelDataType type) {
    return unicode(super.copyType(type));
  }

  /** The type with Unicode text: itself when it has no text of another charset. */
  private RelDataType unicode(RelDataType type) {
    if (type.isStruct()) {
      List<RelDataTypeField> fields = type.getFieldList();
      List<RelDataType> types = fields.stream().map(f -> unicode(f.getType())).toList();
      boolean same = true;
      for (int i = 0; i < fields.size(); i++) {
        same &= types.get(i) == fields.get(i).getType();
      }
      return same ? type : createTypeWithNullability(
          createStructType(type.getStructKind(), types, type.getFieldNames()),
          type.isNullable());
    }
    Charset charset = type.getCharset();
    return SqlTypeUtil.inCharFamily(type) && charset != null && !charset.equals(UNICODE)
        ? createTypeWithCharsetAndCollation(type, UNICODE, type.getCollation())
        : type;
  }
}
