package io.pxweb.jdbc.adapter.klass;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import io.pxweb.jdbc.adapter.NamePatterns;
import io.pxweb.jdbc.adapter.PxWebQueryException;
import io.pxweb.jdbc.klass.KlassClient;
import io.pxweb.jdbc.klass.KlassSettings;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.function.Predicate1;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

/**
 * Schema {@code klass}: Klass's classifications as tables and table functions.
 *
 * <ul>
 *   <li>{@code classifications}: every classification and code list;
 *   <li>{@code "131"}, one table per classification, named by its id: every version of every
 *       code with its validity. The ids given at creation (or by a supplier, at each
 *       listing) are listed in {@code DatabaseMetaData.getTables}; any other numeric id is a
 *       table when named (on a root schema without Calcite's name cache, as the driver's
 *       connections have: a caching root only resolves the names a schema lists);
 *   <li>{@code codes_at}, {@code variant_at}, {@code corresponds_at}, {@code changes}: see
 *       {@link KlassFunctions}.
 * </ul>
 *
 * <p>Creating the schema sends no request; each query sends one per Klass table it reads.
 */
public final class KlassSchema extends AbstractSchema {
  /** The schema's usual name on a connection. */
  public static final String NAME = "klass";
  /** Name of the table of all classifications. */
  public static final String CLASSIFICATIONS = "classifications";

  /** Klass ids are positive whole numbers, written without leading zeros. */
  private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,8}");

  private final KlassClient client;
  private final Supplier<? extends Collection<String>> listedIds;
  private final ClassificationsTable classifications;
  private final Map<String, CodesTable> codeTables = new ConcurrentHashMap<>();

  private KlassSchema(KlassClient client, Supplier<? extends Collection<String>> listedIds) {
    this.client = client;
    this.listedIds = listedIds;
    this.classifications = new ClassificationsTable(client);
  }

  /**
   * Creates the schema of a connection.
   *
   * @param settings where Klass is, the language and the HTTP settings
   * @param listedIds ids of the classifications to list as tables, e.g. those the statbank's
   *     tables link to; others can still be queried by id
   * @throws SQLException 22023 when the Klass URL is not a URL
   * @throws IllegalArgumentException when a listed id is not a Klass id
   */
  public static KlassSchema create(KlassSettings settings, Set<String> listedIds)
      throws SQLException {
    for (String id : listedIds) {
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException("not a Klass classification id: '" + id + "'");
      }
    }
    Set<String> fixed = Set.copyOf(listedIds);
    return new KlassSchema(new KlassClient(settings), () -> fixed);
  }

  /**
   * Creates the schema of a connection whose listed ids may grow, e.g. as the metadata of more
   * statbank tables (and their Klass links) becomes known. The supplier is asked each time the
   * tables are listed; what it gives that is not a Klass id is left out.
   */
  public static KlassSchema create(KlassSettings settings,
      Supplier<? extends Collection<String>> listedIds) throws SQLException {
    return new KlassSchema(new KlassClient(settings), listedIds);
  }

  /** Creates the schema with no classification listed. */
  public static KlassSchema create(KlassSettings settings) throws SQLException {
    return create(settings, Set.of());
  }

  /** Returns the settings the schema's client uses. */
  public KlassSettings settings() {
    return client.settings();
  }

  /** Returns the ids listed as tables now, in order. */
  public Set<String> listedIds() {
    Set<String> ids = new TreeSet<>();
    Collection<String> given = listedIds.get();
    if (given != null) {
      for (String id : given) {
        if (id != null && ID.matcher(id).matches()) {
          ids.add(id);
        }
      }
    }
    return Collections.unmodifiableSet(ids);
  }

  KlassClient client() {
    return client;
  }

  /** Returns the table of a name: {@code classifications} or a numeric id; null otherwise. */
  Table table(String name) {
    if (CLASSIFICATIONS.equals(name)) {
      return classifications;
    }
    if (ID.matcher(name).matches()) {
      return codeTables.computeIfAbsent(name, id -> new CodesTable(client, id));
    }
    return null;
  }

  /**
   * Looks tables up by name, so that any id resolves, while listing only
   * {@code classifications} and the listed ids.
   */
  @Override public Lookup<Table> tables() {
    return new Lookup<>() {
      @Override public Table get(String name) {
        return table(name);
      }

      @Override public Named<Table> getIgnoreCase(String name) {
        String canonical = CLASSIFICATIONS.equalsIgnoreCase(name) ? CLASSIFICATIONS : name;
        Table t = table(canonical);
        return t == null ? null : new Named<>(canonical, t);
      }

      @Override public Set<String> getNames(LikePattern pattern) {
        Set<String> names = new TreeSet<>();
        Predicate1<String> matches =
            NamePatterns.matcher(pattern);
        for (String name : getTableMap().keySet()) {
          if (matches.apply(name)) {
            names.add(name);
          }
        }
        return names;
      }
    };
  }

  @Override protected Map<String, Table> getTableMap() {
    Map<String, Table> map = new LinkedHashMap<>();
    map.put(CLASSIFICATIONS, classifications);
    for (String id : listedIds()) {
      map.put(id, table(id));
    }
    return map;
  }

  /** Made once: a root schema without a name cache asks for them at each name it resolves. */
  private static final Multimap<String, Function> FUNCTIONS =
      ImmutableMultimap.<String, Function>builder()
          .put("codes_at", KlassFunctions.function("codesAt"))
          .put("variant_at", KlassFunctions.function("variantAt"))
          .put("corresponds_at", KlassFunctions.function("correspondsAt"))
          .put("changes", KlassFunctions.function("changes"))
          .build();

  @Override protected Multimap<String, Function> getFunctionMultimap() {
    return FUNCTIONS;
  }

  /**
   * Finds the Klass schema of a running statement: the root's sub-schema {@value #NAME}, else
   * any sub-schema that is a Klass schema.
   */
  static KlassSchema find(DataContext root) {
    SchemaPlus rootSchema = root.getRootSchema();
    if (rootSchema != null) {
      KlassSchema named = unwrap(rootSchema.getSubSchema(NAME));
      if (named != null) {
        return named;
      }
      for (String name : rootSchema.getSubSchemaNames()) {
        KlassSchema k = unwrap(rootSchema.getSubSchema(name));
        if (k != null) {
          return k;
        }
      }
    }
    throw new PxWebQueryException(new SQLException(
        "The klass functions need a Klass schema on the connection", "42000"));
  }

  private static KlassSchema unwrap(SchemaPlus schema) {
    if (schema == null) {
      return null;
    }
    try {
      return schema.unwrap(KlassSchema.class);
    } catch (ClassCastException | NullPointerException e) {
      // Other schemas refuse differently: Calcite's JDBC schema throws NullPointerException.
      return null;
    }
  }
}
