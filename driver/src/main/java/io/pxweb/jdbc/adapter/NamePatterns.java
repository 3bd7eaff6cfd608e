package io.pxweb.jdbc.adapter;

import java.util.regex.Pattern;
import org.apache.calcite.linq4j.function.Predicate1;
import org.apache.calcite.schema.lookup.LikePattern;

/**
 * The name patterns of {@code DatabaseMetaData} as JDBC defines them: {@code %} any run of
 * characters, {@code _} any one character, {@code \} escaping the next. Calcite's
 * {@link LikePattern#matcher()} knows only {@code %}, so {@code getTables(.., "TAB00_", ..)}
 * found nothing; the schemas that list statbank and Klass tables match with this instead.
 */
public final class NamePatterns {
  private NamePatterns() {
  }

  /**
   * Returns the one name a pattern matches when it has no wildcard ({@code \\_} and
   * {@code \\%} are the characters), else null: such a name is looked up, not listed.
   */
  public static String literal(LikePattern pattern) {
    String p = pattern.pattern;
    if (p == null) {
      return null;
    }
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\' && i + 1 < p.length()) {
        name.append(p.charAt(++i));
      } else if (c == '%' || c == '_') {
        return null;
      } else {
        name.append(c);
      }
    }
    return name.toString();
  }

  /** Returns a case-sensitive matcher of names for a JDBC name pattern. */
  public static Predicate1<String> matcher(LikePattern pattern) {
    String p = pattern.pattern;
    if (p == null || p.equals("%")) {
      return name -> true;
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\' && i + 1 < p.length()) {
        regex.append(Pattern.quote(String.valueOf(p.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    Pattern compiled = Pattern.compile(regex.toString(), Pattern.DOTALL);
    return name -> compiled.matcher(name).matches();
  }
}
