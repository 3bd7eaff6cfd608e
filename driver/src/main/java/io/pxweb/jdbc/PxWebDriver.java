package io.pxweb.jdbc;

import io.pxweb.jdbc.adapter.AttachedSql;
import io.pxweb.jdbc.adapter.PxWebCatalog;
import io.pxweb.jdbc.adapter.SavedQuerySchema;
import io.pxweb.jdbc.adapter.StatbankSchema;
import io.pxweb.jdbc.adapter.klass.KlassSchema;
import io.pxweb.jdbc.adapter.meta.CatalogSchema;
import io.pxweb.jdbc.config.ConnectionConfig;
import io.pxweb.jdbc.config.DriverName;
import io.pxweb.jdbc.config.PxWebUrl;
import io.pxweb.jdbc.http.HttpSettings;
import io.pxweb.jdbc.model.CallBudget;
import io.pxweb.jdbc.model.Redaction;
import io.pxweb.jdbc.planning.PlanCache;
import io.pxweb.jdbc.planning.PxWebPrepare;
import io.pxweb.jdbc.planning.PxWebTypeFactory;
import io.pxweb.jdbc.planning.PxWebTypeSystem;
import io.pxweb.jdbc.source.SourceOptions;
import io.pxweb.jdbc.source.SourceRegistry;
import io.pxweb.jdbc.source.StatbankSource;
import io.pxweb.jdbc.surface.ErrorBoundary;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteFactory;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.jdbc.PxWebMeta;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;

/**
 * JDBC driver for {@code jdbc:pxweb:} URLs: PxWebApi 2.0 statbanks as SQL, on Apache Calcite.
 *
 * <p>A connection reads the source's configuration and table list (a PxWebApi 2.0 server over
 * HTTP, or a folder of PX files for {@code jdbc:pxweb:file:}; of a PxWebApi v1 server only the
 * top-level folders, the rest when asked for), then registers the {@code statbank} schema
 * (every table; the default schema) and one schema per subject.
 */
public class PxWebDriver extends Driver {
  public static final String NAME = DriverName.NAME;
  public static final String VERSION = DriverName.VERSION;

  /** System property that keeps Calcite's own {@code jdbc:calcite:} driver registered. */
  public static final String KEEP_CALCITE_DRIVER = "pxweb.keepCalciteDriver";

  static {
    QuietLogging.startQuietlyWithoutProvider();
    new PxWebDriver().register();
    withdrawCalciteDriver();
  }

  /**
   * Deregisters Calcite's {@code jdbc:calcite:} driver, which loading this class registers (it
   * extends Calcite's, whose static initializer registers itself): a host that lets users type
   * JDBC URLs (a BI server, DBeaver) would otherwise accept {@code jdbc:calcite:} URLs whose
   * schema factories open any JDBC URL or read files, past {@link AttachPolicy}. A host that uses
   * Calcite itself sets the system property {@value #KEEP_CALCITE_DRIVER} to true.
   */
  private static void withdrawCalciteDriver() {
    if (Boolean.getBoolean(KEEP_CALCITE_DRIVER)) {
      return;
    }
    for (java.sql.Driver d : Collections.list(DriverManager.getDrivers())) {
      if (d.getClass() == Driver.class) {
        try {
          DriverManager.deregisterDriver(d);
        } catch (SQLException | SecurityException e) {
          // A security manager that forbids it keeps the driver; nothing else depends on it.
        }
      }
    }
  }

  @Override protected String getConnectStringPrefix() {
    return PxWebUrl.PREFIX;
  }

  @Override protected DriverVersion createDriverVersion() {
    return new DriverVersion(NAME, VERSION, "PxWebApi", "2.0", true, 0, 1, 2, 0);
  }

  /** Returns Calcite's preparation behind the connections' plan caches (see PlanCache). */
  @Override public CalcitePrepare createPrepare() {
    return new PlanCache.Prepare(new PxWebPrepare());
  }

  /** Calcite's factory, whose result sets read a plain statbank scan column by column. */
  @Override protected String getFactoryClassName(
      UnregisteredDriver.JdbcVersion jdbcVersion) {
    return "org.apache.calcite.jdbc.PxWebJdbcFactory";
  }

  /** Returns the JDBC metadata with primary and imported keys (see PxWebMeta). */
  @Override public Meta createMeta(AvaticaConnection connection) {
    return PxWebMeta.create(connection);
  }

  @Override public boolean acceptsURL(String url) {
    return PxWebUrl.accepts(url);
  }

  @Override public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    // DriverManager.setLoginTimeout bounds every call getConnection makes, and the waits.
    int loginTimeout = DriverManager.getLoginTimeout();
    try (CallBudget.Scope budget = CallBudget.start(
        loginTimeout * 1000L, "the login timeout of " + loginTimeout + " s").enter()) {
      return open(url, info);
    } catch (RuntimeException e) {
      SQLException s = ErrorBoundary.classify(e);
      // A failure without a class of its own happened while connecting.
      throw "HY000".equals(s.getSQLState()) ? new SQLException(s.getMessage(), "08001", e) : s;
    }
  }

  private Connection open(String url, Properties info) throws SQLException {
    ConnectionConfig config = ConnectionConfig.of(PxWebUrl.parse(url, info));
    StatbankSource source = SourceRegistry.open(config.location(), config.apiVersion(),
        new SourceOptions(config.http(), subjects(config.subjects())));
    PxWebCatalog catalog = PxWebCatalog.open(source, config.lang(), config.maxDataCells(),
        config.tablePageSize(), config.progress() && System.console() != null ? System.err : null,
        config.metadataTtl(), PxWebCatalog.Scope.of(config.tables(), config.subjects()));

    Properties calciteProps = calciteProperties();
    String fun = config.fun();
    if (fun != null && !fun.isBlank()) {
      calciteProps.setProperty(CalciteConnectionProperty.FUN.camelName(), "standard," + fun);
    }
    // A root schema without Calcite's name cache: each statement then asks the schemas for the
    // names it uses, so codelist tables ("07459@agg_x") and Klass tables by id, too many to
    // list, resolve when named (a caching root only knows the names a schema lists). No
    // "metadata" schema either: it repeats what JDBC metadata and schema meta answer. Text is
    // Unicode through the connection's own type factory (see PxWebTypeFactory).
    AvaticaConnection connection = ((CalciteFactory) factory).newConnection(this, factory,
        PxWebUrl.PREFIX, calciteProps, CalciteSchema.createRootSchema(false, false),
        new PxWebTypeFactory(PxWebTypeSystem.INSTANCE));
    handler.onConnectionInit(connection);
    CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
    SchemaPlus root = calcite.getRootSchema();
    for (Map.Entry<String, StatbankSchema> schema
        : StatbankSchema.create(catalog, schemaNames(root)).entrySet()) {
      root.add(schema.getKey(), schema.getValue());
    }
    root.add(CatalogSchema.NAME, new CatalogSchema(catalog));
    if (source.hasSavedQueries()) {
      root.add(SavedQuerySchema.NAME,
          new SavedQuerySchema(catalog, root));
    }
    PlanCache.open(root.unwrap(CalciteSchema.class), config.planCacheSize());
    if (config.klass() != null) {
      // Lists the classifications the tables read so far link to; any id resolves when named.
      root.add(KlassSchema.NAME, KlassSchema.create(config.klass(), catalog::linkedKlassIds));
    }
    mount(root, config);
    attach(root, config.attachments());
    calcite.setSchema(StatbankSchema.ALL);
    return ErrorBoundary.wrap(connection, source.problems());
  }

  /**
   * Adds each {@code mount.<name>} statbank as schema {@code <name>}, as usable as the main
   * one: its tables ({@code <name>."X"}), its subjects inside it ({@code <name>.BE."X"}) and
   * its own {@code meta} ({@code <name>.meta.tables}), read as lazily as the main statbank's.
   * Calcite's DatabaseMetaData lists only top-level schemas, so the subjects and meta are also
   * top-level schemas named {@code <name>.BE} and {@code <name>.meta}: a tool that lists them
   * writes {@code "scb.BE"."X"}, which names the same table. Each mount has its own source,
   * limits, pacing and language (its {@code lang} in braces, the one in its v1 URL, or its
   * server's default), so one statement can join tables of several statbanks, each part pushed
   * to its own server. HTTP settings are the connection's, but for the headers (above).
   */
  private static void mount(SchemaPlus root, ConnectionConfig config) throws SQLException {
    for (Map.Entry<String, ConnectionConfig.Mount> m : config.mounts().entrySet()) {
      String name = m.getKey();
      if (root.subSchemas().getIgnoreCase(name) != null) {
        throw new SQLException("Cannot mount a statbank as schema '" + name
            + "': the name is taken; choose another", "42000");
      }
      ConnectionConfig.Mount mount = m.getValue();
      // The connection's httpHeaders stay at its server's origin; a mount elsewhere gets
      // only its own (mount.x={https://host/api/v2;httpHeaders=...}), at its origin.
      HttpSettings http = mount.headers().isEmpty() ? config.http()
          : config.http().withHeaders(mount.headers(), HttpSettings.originOf(mount.location()));
      StatbankSource source = SourceRegistry.open(mount.location(), mount.apiVersion(),
          new SourceOptions(http, Set.of()));
      PxWebCatalog catalog = PxWebCatalog.open(source, mount.lang(), null,
          config.tablePageSize(), null, config.metadataTtl(), PxWebCatalog.Scope.of(null, null));
      Map<String, Schema> inside = new LinkedHashMap<>(
          StatbankSchema.create(catalog, schemaNames(root)));
      Schema all = inside.remove(StatbankSchema.ALL);
      inside.put(CatalogSchema.NAME, new CatalogSchema(catalog));
      root.add(name, ((StatbankSchema) all).nesting(inside));
      for (Map.Entry<String, Schema> s : inside.entrySet()) {
        if (root.subSchemas().getIgnoreCase(name + "." + s.getKey()) == null) {
          root.add(name + "." + s.getKey(), s.getValue());
        }
      }
    }
  }

  /** Returns whether a name is one of the connection's schemas, ignoring case. */
  private static Predicate<String> schemaNames(SchemaPlus root) {
    return name -> root.subSchemas().getIgnoreCase(name) != null;
  }

  /** Returns the lower-cased top-level folder ids of the subjects property, or none. */
  private static Set<String> subjects(String property) {
    Set<String> out = new HashSet<>();
    if (property != null) {
      for (String s : property.split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    return out;
  }

  /**
   * Adds each {@code attach.<name>} database as a schema; Calcite pushes what it can into it
   * (filters, projections, joins within it) in the database's own SQL dialect.
   */
  private static void attach(SchemaPlus root, Map<String, Map<String, String>> attachments)
      throws SQLException {
    for (Map.Entry<String, Map<String, String>> a : attachments.entrySet()) {
      String name = a.getKey();
      Map<String, String> parts = a.getValue();
      if (root.getSubSchema(name) != null) {
        throw new SQLException("Cannot attach a database as schema '" + name
            + "': the name is taken by a statbank schema; choose another", "42000");
      }
      String url = parts.get("url");
      if (url == null || url.isBlank()) {
        throw new SQLException("Connection property attach." + name + ".url is missing", "08001");
      }
      // Before any driver class is loaded or URL opened: a connection string must not run code.
      AttachPolicy.check(name, url);
      if (parts.get("driver") == null) {
        // The pool would print the whole URL, password included, to standard output.
        try {
          DriverManager.getDriver(url);
        } catch (SQLException e) {
          throw new SQLException("Cannot attach database '" + name + "' ("
              + Redaction.redact(url) + "): no JDBC driver on the classpath accepts the"
              + " URL; add the driver's jar, or name its class in attach." + name + ".driver",
              "08001");
        }
      }
      try {
        DataSource dataSource = JdbcSchema.dataSource(
            url, parts.get("driver"), parts.get("user"), parts.get("password"));
        root.add(name, JdbcSchema.create(root, name,
            AttachedSql.plainLiterals(dataSource,
                PxWebTypeFactory.CHARSET_NAME), null, parts.get("schema")));
      } catch (RuntimeException e) {
        throw attachFailure(name, url, parts.get("password"), e);
      }
    }
  }

  /**
   * Reports a database that could not be attached without its secrets: the connection pool
   * quotes the whole JDBC URL in its messages, so the causes are not chained, only their
   * redacted messages kept.
   */
  private static SQLException attachFailure(String name, String url, String password,
      Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage()).replace(url, Redaction.redact(url));
    if (password != null && !password.isEmpty()) {
      message = message.replace(password, "***");
    }
    SQLException e = new SQLException("Cannot attach database '" + name + "' ("
        + Redaction.redact(url) + "): " + Redaction.redact(message), "08001");
    e.setStackTrace(failure.getStackTrace());
    return e;
  }

  /** Calcite settings every connection gets: SQL as users of this field expect it. */
  private static Properties calciteProperties() {
    Properties p = new Properties();
    // Unquoted names keep their case and match case-insensitively: select region from "07459".
    p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    p.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), "UNCHANGED");
    p.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), "UNCHANGED");
    p.setProperty(CalciteConnectionProperty.QUOTING.camelName(), "DOUBLE_QUOTE");
    // Variable codes such as TIME, YEAR and VALUE are SQL keywords; Babel's parser accepts them
    // as plain identifiers, so users need not quote them.
    p.setProperty(CalciteConnectionProperty.PARSER_FACTORY.camelName(),
        "org.apache.calcite.sql.parser.babel.SqlBabelParserImpl#FACTORY");
    // GROUP BY 1 and GROUP BY alias, != and %, as PostgreSQL (and Tableau, Metabase) write them.
    p.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), "LENIENT");
    p.setProperty(CalciteConnectionProperty.DEFAULT_NULL_COLLATION.camelName(),
        NullCollation.LOW.name());
    // Types as PostgreSQL users expect them: VARCHAR literals, averages with decimals.
    p.setProperty(CalciteConnectionProperty.TYPE_SYSTEM.camelName(),
        PxWebTypeSystem.class.getName() + "#INSTANCE");
    return p;
  }

  @Override public DriverPropertyInfo[] getPropertyInfo(String url, Properties info)
      throws SQLException {
    Properties merged = acceptsURL(url) ? PxWebUrl.parse(url, info).properties() : new Properties();
    return PxWebProperty.all().stream().map(p -> p.toDriverPropertyInfo(merged))
        .toArray(DriverPropertyInfo[]::new);
  }
}
