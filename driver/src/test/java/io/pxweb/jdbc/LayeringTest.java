package io.pxweb.jdbc;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.pxweb.jdbc.source.SourceRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure README.md describes, checked over the compiled driver (the root
 * package and the classes in Calcite's package included): no package cycle, and dependencies
 * flowing one way, driver -> surface/config/planning -> adapter -> source -> http/model, so a
 * new source needs no copy of anything below the source interface.
 */
class LayeringTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importDriver() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.pxweb.jdbc", "org.apache.calcite.jdbc")
        .that(DescribedPredicate.describe("the driver's classes",
            c -> c.getPackageName().startsWith("io.pxweb.jdbc") || SHIM.contains(c.getName()
                .replaceFirst("\\$.*", ""))));
  }

  /** The driver's classes in Calcite's package (its constructors are package-private). */
  private static final Set<String> SHIM = Set.of("org.apache.calcite.jdbc.PxWebMeta",
      "org.apache.calcite.jdbc.PxWebJdbcFactory", "org.apache.calcite.jdbc.PxWebResultSet");

  /**
   * Each package is a slice, the root's two roles apart: the driver on top, which connects
   * (it uses every package), and the API values users name ({@code PxWebProperty},
   * {@code AttachPolicy}), which the configuration reads; the Calcite shim is a slice too.
   */
  private static final SliceAssignment BY_ROLE = new SliceAssignment() {
    @Override public SliceIdentifier getIdentifierOf(JavaClass c) {
      String top = c.getName().replaceFirst("\\$.*", "");
      if (SHIM.contains(top)) {
        return SliceIdentifier.of("calcite shim");
      }
      if (c.getPackageName().equals("io.pxweb.jdbc")) {
        return SliceIdentifier.of(top.equals("io.pxweb.jdbc.PxWebDriver") ? "driver" : "api");
      }
      if (c.getPackageName().startsWith("io.pxweb.jdbc.")) {
        return SliceIdentifier.of(c.getPackageName());
      }
      return SliceIdentifier.ignore();
    }

    @Override public String getDescription() {
      return "the driver's packages, the root split into driver and API, and the Calcite shim";
    }
  };

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    slices().assignedFrom(BY_ROLE).should().beFreeOfCycles().check(classes);
  }

  @Test
  void dependenciesFlowFromTheDriverThroughAdapterAndSourcesToHttpAndModel() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("driver").definedBy(JavaClass.Predicates.belongToAnyOf(PxWebDriver.class))
        .layer("surface").definedBy("io.pxweb.jdbc.surface..")
        .layer("config").definedBy("io.pxweb.jdbc.config..")
        .layer("api").definedBy(JavaClass.Predicates.belongToAnyOf(PxWebProperty.class,
            AttachPolicy.class, RowValues.class))
        .layer("shim").definedBy(DescribedPredicate.describe("the Calcite shim",
            c -> SHIM.contains(c.getName().replaceFirst("\\$.*", ""))))
        .layer("planning").definedBy("io.pxweb.jdbc.planning..")
        .layer("adapter").definedBy("io.pxweb.jdbc.adapter..")
        .layer("source").definedBy("io.pxweb.jdbc.source..", "io.pxweb.jdbc.klass..")
        .layer("readers").definedBy("io.pxweb.jdbc.jsonstat..", "io.pxweb.jdbc.json..")
        .layer("http").definedBy("io.pxweb.jdbc.http..")
        .layer("model").definedBy("io.pxweb.jdbc.model..")
        .whereLayer("driver").mayNotBeAccessedByAnyLayer()
        .whereLayer("surface").mayOnlyBeAccessedByLayers("driver")
        .whereLayer("config").mayOnlyBeAccessedByLayers("driver")
        .whereLayer("api").mayOnlyBeAccessedByLayers("driver", "config", "shim")
        .whereLayer("shim").mayOnlyBeAccessedByLayers("driver")
        .whereLayer("planning").mayOnlyBeAccessedByLayers("driver", "shim")
        .whereLayer("adapter").mayOnlyBeAccessedByLayers("driver", "surface", "planning", "shim")
        .whereLayer("source").mayOnlyBeAccessedByLayers("driver", "config", "api", "adapter")
        .whereLayer("readers").mayOnlyBeAccessedByLayers("source", "http")
        .whereLayer("http").mayOnlyBeAccessedByLayers("driver", "config", "api", "source")
        .check(classes);
  }

  @Test
  void theCalciteShimDependsOnlyDownward() {
    // Classes in Calcite's package call back into nothing above planning and the adapter, but
    // the result set implements the API's RowValues (an interface that depends on nothing).
    noClasses().that(DescribedPredicate.describe("the Calcite shim",
            c -> SHIM.contains(c.getName().replaceFirst("\\$.*", ""))))
        .should().dependOnClassesThat(DescribedPredicate.describe("the driver, config, surface",
            c -> !c.isEquivalentTo(RowValues.class) && (c.getPackageName().equals("io.pxweb.jdbc")
                || c.getPackageName().startsWith("io.pxweb.jdbc.config")
                || c.getPackageName().startsWith("io.pxweb.jdbc.surface"))))
        .check(classes);
  }

  @Test
  void theAdapterSeesSourcesOnlyThroughTheirInterface() {
    // A new source plugs in below StatbankSource; the adapter never names one.
    noClasses().that().resideInAPackage("io.pxweb.jdbc.adapter..")
        .should().dependOnClassesThat().resideInAnyPackage("io.pxweb.jdbc.source.*..",
            "io.pxweb.jdbc.http..", "io.pxweb.jdbc.jsonstat..", "io.pxweb.jdbc.json..")
        .check(classes);
  }

  @Test
  void sourcesDoNotKnowEachOther() {
    // The sources the driver registers (SourceRegistry), each in a package of its own.
    List<String> packages = SourceRegistry.all().stream()
        .map(p -> p.getClass().getPackageName()).toList();
    assertEquals(List.of("io.pxweb.jdbc.source.v1", "io.pxweb.jdbc.source.v2",
        "io.pxweb.jdbc.source.px"), packages);
    for (String source : packages) {
      noClasses().that().resideInAPackage(source + "..")
          .should().dependOnClassesThat().resideInAnyPackage(packages.stream()
              .filter(s -> !s.equals(source)).map(s -> s + "..").toArray(String[]::new))
          .check(classes);
    }
  }

  @Test
  void theModelAndThePxSourceNeedNoHttp() {
    noClasses().that().resideInAnyPackage("io.pxweb.jdbc.model..", "io.pxweb.jdbc.source.px..")
        .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "io.pxweb.jdbc.http..")
        .check(classes);
    noClasses().that().resideInAPackage("io.pxweb.jdbc.model..")
        .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..")
        .check(classes);
  }

  @Test
  void exactlyOneClassBuildsAnHttpClient() {
    noClasses().that().doNotHaveFullyQualifiedName("io.pxweb.jdbc.http.HttpService")
        .should().callConstructor(okhttp3.OkHttpClient.class)
        .orShould().callMethod(okhttp3.OkHttpClient.class, "newBuilder")
        .check(classes);
  }
}
