package io.pxweb.jdbc;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.pxweb.jdbc.source.SourceRegistry;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure README.md describes, checked over the compiled driver: no package
 * cycle, and dependencies flowing one way, jdbc -> adapter -> source -> http/model, so a new
 * source needs no copy of anything below the source interface.
 */
class LayeringTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importDriver() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.pxweb.jdbc");
  }

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    slices().matching("io.pxweb.jdbc.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void dependenciesFlowFromJdbcThroughAdapterAndSourcesToHttpAndModel() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("jdbc").definedBy("io.pxweb.jdbc")
        .layer("adapter").definedBy("io.pxweb.jdbc.adapter..")
        .layer("source").definedBy("io.pxweb.jdbc.source..", "io.pxweb.jdbc.klass..")
        .layer("readers").definedBy("io.pxweb.jdbc.jsonstat..", "io.pxweb.jdbc.json..")
        .layer("http").definedBy("io.pxweb.jdbc.http..")
        .layer("model").definedBy("io.pxweb.jdbc.model..")
        .whereLayer("jdbc").mayNotBeAccessedByAnyLayer()
        .whereLayer("adapter").mayOnlyBeAccessedByLayers("jdbc")
        .whereLayer("source").mayOnlyBeAccessedByLayers("jdbc", "adapter")
        .whereLayer("readers").mayOnlyBeAccessedByLayers("source", "http")
        .whereLayer("http").mayOnlyBeAccessedByLayers("jdbc", "source")
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
