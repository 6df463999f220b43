package prequal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.stereotype.Component;

/**
 * The layout as rules the build enforces: the business rules stay plain Java, the message contracts
 * stand alone, no package depends on another that depends back on it, and Spring finds every
 * component, whichever package it is added to.
 */
class ArchitectureTest {

  /**
   * The business rules: PAN, masking, CIBIL range and messages, the form, scoring, the policy,
   * sealing personal data.
   */
  private static final String[] RULE_PACKAGES = {
    "messages", "application", "credit", "decision", "privacy", "review"
  };

  /** The main code as compiled: the service's own classes, no test and no library class. */
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPath(
              Path.of(
                  PrequalApplication.class
                      .getProtectionDomain()
                      .getCodeSource()
                      .getLocation()
                      .getPath()));

  /** The top-level packages of the main code; they have no common root. */
  private static final Set<String> OURS =
      MAIN.stream().map(ArchitectureTest::topLevelPackage).collect(Collectors.toSet());

  @Test
  void rulePackagesUseNeitherSpringNorCamel() {
    noClasses()
        .that()
        .resideInAnyPackage(subtrees(RULE_PACKAGES))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "org.apache.camel..")
        .check(MAIN);
  }

  @Test
  void messageContractsImportNothingElseOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("messages..")
        .should()
        .dependOnClassesThat(ours().and(outside("messages")))
        .check(MAIN);
  }

  @Test
  void packagesFormNoCycles() {
    slices().matching("(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void everySpringComponentIsInAScannedPackage() {
    var scanned = PrequalApplication.class.getAnnotation(SpringBootApplication.class);
    classes()
        .that()
        .areMetaAnnotatedWith(Component.class)
        .and()
        .areNotAnnotatedWith(SpringBootApplication.class)
        .should()
        .resideInAnyPackage(subtrees(scanned.scanBasePackages()))
        .check(MAIN);
  }

  @Test
  void everySettingsRecordIsInAScannedPackage() {
    var scanned = PrequalApplication.class.getAnnotation(ConfigurationPropertiesScan.class);
    classes()
        .that()
        .areAnnotatedWith(ConfigurationProperties.class)
        .should()
        .resideInAnyPackage(subtrees(scanned.basePackages()))
        .check(MAIN);
  }

  private static String[] subtrees(String[] packages) {
    return Arrays.stream(packages).map(name -> name + "..").toArray(String[]::new);
  }

  private static DescribedPredicate<JavaClass> ours() {
    return DescribedPredicate.describe(
        "in a package of this service", type -> OURS.contains(topLevelPackage(type)));
  }

  private static DescribedPredicate<JavaClass> outside(String topLevel) {
    return DescribedPredicate.describe(
        "outside " + topLevel, type -> !topLevelPackage(type).equals(topLevel));
  }

  private static String topLevelPackage(JavaClass type) {
    var name = type.getPackageName();
    var dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
