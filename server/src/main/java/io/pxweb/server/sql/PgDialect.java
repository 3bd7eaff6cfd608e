package io.pxweb.server.sql;

import io.pxweb.server.catalog.CatalogData;
import io.pxweb.server.catalog.PgCatalogSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL spellings the driver's Calcite parser does not know, rewritten before the driver sees
 * them: session functions become literals of the session's values, and PostgreSQL-only operator
 * syntax becomes Calcite's. Literals and quoted names are masked first, so only code is touched.
 */
final class PgDialect {
  private static final char MASK = '\u0001';
  private static final Pattern MASKED = Pattern.compile(MASK + "(\\d+)" + MASK);

  private final Settings settings;
  private final int pid;
  private final List<Rule> rules = new ArrayList<>();

  /** One rewrite: a pattern over masked text and its replacement. */
  private interface Rule {
    String apply(String masked, List<String> literals);
  }

  PgDialect(Settings settings, int pid, CatalogData catalog, PgCatalogSchema pg) {
    this.settings = settings;
    this.pid = pid;
    // 'name'::regclass is a table's OID; the server knows them, Calcite does not.
    rules.add((masked, literals) -> replace(masked, Pattern.compile("(?i)" + MASK + "(\\d+)"
        + MASK + "\\s*::\\s*(?:pg_catalog\\.)?regclass\\b"), m -> {
          String lit = literals.get(Integer.parseInt(m.group(1)));
          try {
            Integer oid = catalog.relationOid(SessionCommands.unquote(lit));
            return oid == null ? "0" : oid.toString();
          } catch (java.sql.SQLException e) {
            return "0";
          }
        }));
    constant("(?:pg_catalog\\.)?version\\s*\\(\\s*\\)", () -> SqlText.literal("PostgreSQL "
        + Settings.SERVER_VERSION + " (pxweb-server; statbanks through pxweb-jdbc)"));
    constant("(?:pg_catalog\\.)?current_database\\s*\\(\\s*\\)|\\bcurrent_catalog\\b",
        () -> SqlText.literal(settings.get("database")));
    constant("(?:pg_catalog\\.)?current_schema\\s*\\(\\s*\\)|\\bcurrent_schema\\b",
        () -> SqlText.literal("statbank"));
    constant("(?:pg_catalog\\.)?(?:current_user|session_user)\\b(?:\\s*\\(\\s*\\))?",
        () -> SqlText.literal(settings.get("session_authorization")));
    constant("(?:pg_catalog\\.)?current_schemas\\s*\\(\\s*true\\s*\\)",
        () -> "ARRAY['pg_catalog', 'statbank']");
    constant("(?:pg_catalog\\.)?current_schemas\\s*\\(\\s*false\\s*\\)",
        () -> "ARRAY['statbank']");
    constant("(?:pg_catalog\\.)?now\\s*\\(\\s*\\)", () -> "CURRENT_TIMESTAMP");
    // INTERVAL '3 days' (PostgreSQL) is INTERVAL '3' DAY in standard SQL.
    rules.add((masked, literals) -> replace(masked, Pattern.compile("(?i)\\bINTERVAL\\s+" + MASK
        + "(\\d+)" + MASK), m -> {
          Matcher unit = Pattern.compile("(?i)'\\s*(-?\\d+)\\s*(year|month|week|day|hour|minute"
              + "|second)s?\\s*'").matcher(literals.get(Integer.parseInt(m.group(1))));
          if (!unit.matches()) {
            return m.group();
          }
          String name = unit.group(2).toUpperCase(Locale.ROOT);
          long n = Long.parseLong(unit.group(1));
          return name.equals("WEEK") ? "INTERVAL '" + n * 7 + "' DAY"
              : "INTERVAL '" + n + "' " + name;
        }));
    constant("(?:pg_catalog\\.)?pg_backend_pid\\s*\\(\\s*\\)", () -> Integer.toString(pid));
    constant("(?:pg_catalog\\.)?inet_server_port\\s*\\(\\s*\\)", () -> "NULL");
    rules.add((masked, literals) -> replace(masked,
        Pattern.compile("(?i)(?:pg_catalog\\.)?current_setting\\s*\\(\\s*" + MASK + "(\\d+)"
            + MASK + "(?:\\s*,\\s*(?:true|false))?\\s*\\)"),
        m -> {
          String name = unquote(literals.get(Integer.parseInt(m.group(1))));
          String value = settings.get(name);
          return value == null ? "CAST(NULL AS VARCHAR)" : SqlText.literal(value);
        }));
    // Array literals in catalog queries ('{0}' compared with an oid[] column) become ARRAY[...].
    rules.add((masked, literals) -> !masked.contains("pg_catalog") ? masked : replace(masked,
        Pattern.compile(MASK + "(\\d+)" + MASK + "(?!\\s*::)"), m -> {
          String lit = literals.get(Integer.parseInt(m.group(1)));
          if (!lit.matches("'\\{[\\w,]*\\}'")) {
            return m.group();
          }
          String body = lit.substring(2, lit.length() - 2);
          if (body.isEmpty()) {
            return m.group();
          }
          StringBuilder sb = new StringBuilder("ARRAY[");
          for (String e : body.split(",")) {
            sb.append(sb.length() > 6 ? "," : "").append(e.matches("-?\\d+") ? e
                : SqlText.literal(e));
          }
          return sb.append(']').toString();
        }));
    // pg_catalog is always on PostgreSQL's search path: FROM pg_type means pg_catalog.pg_type.
    rules.add((masked, literals) -> replace(masked, Pattern.compile(
        "(?i)(\\bFROM|\\bJOIN|,)(\\s+)(pg_\\w+)\\b(?!\\s*[.(])"), m ->
            pg.isCatalogTable(m.group(3))
                ? m.group(1) + m.group(2) + "pg_catalog." + m.group(3) : m.group()));
    // ... and so is FROM "pg_constraint" (HoneySQL quotes every name: Metabase).
    rules.add((masked, literals) -> replace(masked, Pattern.compile(
        "(?i)(\\bFROM|\\bJOIN|,)(\\s+)" + MASK + "(\\d+)" + MASK + "(?!\\s*[.(])"), m -> {
          String name = literals.get(Integer.parseInt(m.group(3)));
          return name.matches("\"pg_\\w+\"")
              && pg.isCatalogTable(name.substring(1, name.length() - 1))
              ? m.group(1) + m.group(2) + "pg_catalog." + MASK + m.group(3) + MASK : m.group();
        }));
    // PostgreSQL takes any keyword as a column label after AS (Metabase's privilege query says
    // "as select", "as table"); Calcite wants it quoted. Type names are left alone (CAST).
    Pattern keywordLabel = Pattern.compile("(?i)\\bAS\\s+(table|update|select|insert|delete"
        + "|schema|user|order|group|limit|offset|references|column|check|default|values|end"
        + "|start|result|role|from|where|having|window|grant|union|all|any|some)\\b");
    rules.add((masked, literals) -> replace(masked, keywordLabel,
        m -> "AS \"" + m.group(1).toLowerCase(Locale.ROOT) + "\""));
    // PostgreSQL's != is <>; Calcite allows != only under some conformances.
    rules.add((masked, literals) -> masked.replace("!=", "<>"));
    // x::type binds tighter than any operator in PostgreSQL; Calcite's parser gives it a lower
    // precedence (a = b::oid would cast the comparison), so casts become CAST(x AS type).
    rules.add((masked, literals) -> casts(masked));
    // A computed name cast to regclass (Metabase: CAST(FORMAT('%I.%I', s, t) AS REGCLASS))
    // is looked up at run time; literal names were replaced above.
    rules.add((masked, literals) -> regclassCasts(masked));
    // OPERATOR(pg_catalog.~) is how psql writes a plain operator.
    rules.add((masked, literals) -> masked.replaceAll(
        "(?i)OPERATOR\\s*\\(\\s*pg_catalog\\s*\\.\\s*([~!=<>*+/-]+)\\s*\\)", " $1 "));
    rules.add((masked, literals) -> masked.replaceAll(
        "(?i)\\s+COLLATE\\s+(?:pg_catalog\\.)?(?:\"default\"|default|" + MASK + "\\d+" + MASK
            + ")", ""));
  }

  private static final Pattern CAST_TYPE = Pattern.compile(
      "\\s*::\\s*((?:\\w+\\s*\\.\\s*)?(?:\\w+|\"\\w+\")(?:\\s+varying)?(?:\\s*\\(\\s*\\d+(?:\\s*,\\s*\\d+)?\\s*\\))?)"
      + "(\\s*\\[\\s*\\])?");

  /** Rewrites each x::type (left to right, so chains nest) as CAST(x AS type). */
  static String casts(String text) {
    int at;
    int from = 0;
    while ((at = text.indexOf("::", from)) > 0) {
      Matcher type = CAST_TYPE.matcher(text);
      int start = operandStart(text, at);
      if (start < 0 || !type.find(at) || type.start() != at || type.group(2) != null) {
        from = at + 2;
        continue;
      }
      String operand = text.substring(start, at).strip(); // not trim(): it drops MASK
      text = text.substring(0, start) + "CAST(" + operand + " AS " + type.group(1) + ")"
          + text.substring(type.end());
      from = start;
    }
    return text;
  }

  private static final Pattern CAST_OPEN = Pattern.compile("(?i)\\bCAST\\s*\\(");
  private static final Pattern AS_REGCLASS = Pattern.compile(
      "(?is)(.*)\\s+AS\\s+(?:pg_catalog\\s*\\.\\s*)?regclass\\s*");

  /** Rewrites CAST(x AS regclass) as pg_catalog.regclass_of(x), innermost first. */
  static String regclassCasts(String text) {
    Matcher open = CAST_OPEN.matcher(text);
    int from = text.length();
    while (from >= 0) {
      int start = -1;
      for (int i = from - 1; i >= 0; i--) {
        if (open.find(i) && open.start() == i) {
          start = i;
          break;
        }
      }
      if (start < 0) {
        break;
      }
      int depth = 0;
      int close = -1;
      for (int i = open.end() - 1; i < text.length(); i++) {
        char c = text.charAt(i);
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        if (depth == 0) {
          close = i;
          break;
        }
      }
      if (close > 0) {
        Matcher body = AS_REGCLASS.matcher(text.substring(open.end(), close));
        if (body.matches()) {
          text = text.substring(0, start) + "pg_catalog.regclass_of(" + body.group(1) + ")"
              + text.substring(close + 1);
        }
      }
      from = start;
    }
    return text;
  }

  /** Start of the operand that ends just before {@code end}, or -1 when it is not simple. */
  private static int operandStart(String text, int end) {
    int i = end - 1;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    if (i < 0) {
      return -1;
    }
    if (text.charAt(i) == ')') {
      int depth = 0;
      for (; i >= 0; i--) {
        char c = text.charAt(i);
        depth += c == ')' ? 1 : c == '(' ? -1 : 0;
        if (depth == 0) {
          break;
        }
      }
      if (i < 0) {
        return -1;
      }
      i--; // a function name before the parenthesis belongs to the operand
    } else if (text.charAt(i) == MASK) {
      i = text.lastIndexOf(MASK, i - 1) - 1;
    }
    while (i >= 0 && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
        || text.charAt(i) == '.' || text.charAt(i) == '"' || text.charAt(i) == MASK)) {
      i--;
    }
    return i + 1;
  }

  private void constant(String regex, java.util.function.Supplier<String> value) {
    Pattern p = Pattern.compile("(?i)(?<![\\w.])(?:" + regex + ")");
    rules.add((masked, literals) -> replace(masked, p, m -> value.get()));
  }

  String rewrite(String sql) {
    List<String> literals = new ArrayList<>();
    StringBuilder masked = new StringBuilder(sql.length());
    int i = 0;
    while (i < sql.length()) {
      int next = SqlText.skip(sql, i);
      char c = sql.charAt(i);
      if (next > i + 1 && (c == '\'' || c == '"' || c == '$')) {
        masked.append(MASK).append(literals.size()).append(MASK);
        literals.add(sql.substring(i, next));
      } else if (next > i + 1 && (c == '-' || c == '/')) {
        masked.append(' '); // comments go
      } else {
        masked.append(sql, i, next);
      }
      i = next;
    }
    String text = masked.toString();
    for (Rule rule : rules) {
      text = rule.apply(text, literals);
    }
    return unmask(text, literals);
  }

  private static String unmask(String text, List<String> literals) {
    return replace(text, MASKED, m -> {
      String lit = literals.get(Integer.parseInt(m.group(1)));
      if (lit.startsWith("$")) {
        int tagEnd = lit.indexOf('$', 1) + 1;
        return SqlText.literal(lit.substring(tagEnd, lit.length() - tagEnd));
      }
      return lit;
    });
  }

  private static String replace(String text, Pattern p,
      java.util.function.Function<Matcher, String> f) {
    Matcher m = p.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(f.apply(m)));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  static String unquote(String literal) {
    return SessionCommands.unquote(literal).toLowerCase(Locale.ROOT);
  }
}
