package org.ffmas.crm;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.Slices;
import java.util.Optional;

/**
 * The platform's architecture, checked on its compiled classes: those of platform/core and, from its
 * classpath, those of the plugin contract platform/api (package {@code org.ffmas.crm.api}).
 *
 * <p>A feature is a first-level package under {@code org.ffmas.crm} ({@code partner}, {@code campaign},
 * {@code security}...). The classes directly in {@code org.ffmas.crm} ({@code Main}, {@code Platform}...) are the
 * composition root: they build every feature and may depend on all of them, so they belong to no feature.
 */
@AnalyzeClasses(packages = "org.ffmas.crm", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "org.ffmas.crm";

    /** One slice per feature package; the composition root's classes match no slice. */
    private static final String FEATURES = "org.ffmas.crm.(*)..";

    /** The rules below would pass on an import that missed the core or the plugin contract: it does not. */
    @ArchTest
    static void theImportHoldsTheCoreAndThePluginContract(JavaClasses classes) {
        assertThat(classes.contain(Platform.class)).as("the core's classes are imported").isTrue();
        assertThat(classes.contain("org.ffmas.crm.api.CrmPlugin")).as("platform/api's classes are imported").isTrue();
        assertThat(classes.contain("org.ffmas.crm.partner.CompanyResource")).as("a feature's classes are imported").isTrue();
        assertThat(Slices.matching(FEATURES).transform(classes))
                .as("the composition root is in no feature slice")
                .noneMatch(slice -> slice.contains(classes.get(Platform.class)))
                .anyMatch(slice -> slice.contains(classes.get("org.ffmas.crm.partner.CompanyResource")));
    }

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices().matching(FEATURES).namingSlices("$1")
            .should().beFreeOfCycles()
            .because("a feature that another one depends on, directly or through others, must not depend on it back:"
                    + " features that need each other cannot be understood, tested or changed one at a time");

    @ArchTest
    static final ArchRule thePluginContractDependsOnNothingInTheCore = noClasses()
            .that().resideInAPackage("org.ffmas.crm.api..")
            .should().dependOnClassesThat(resideInAPackage("org.ffmas.crm..").and(resideOutsideOfPackage("org.ffmas.crm.api..")))
            .because("plugins are compiled against platform/api alone: the contract must not leak the core's classes");

    @ArchTest
    static final ArchRule aResourceTouchesNeitherJooqNorSql = noClasses()
            .that().haveSimpleNameEndingWith("Resource").or().areAnnotatedWith("jakarta.ws.rs.Path")
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "java.sql..", "javax.sql..")
            .because("a resource speaks HTTP and calls services; queries belong to the feature's repository");

    @ArchTest
    static final ArchRule aRepositoryIsUsedOnlyFromItsOwnFeature = classes()
            .that(areRepositoriesOrDeclaredInOne()).and().resideInAPackage("org.ffmas.crm..")
            .should(beUsedOnlyFromTheirOwnFeatureOrTheCompositionRoot())
            .because("a feature's tables are its own: another feature asks that feature's service, not its repository");

    /** {@code AgreementRepository} and the types it declares ({@code AgreementRepository.AgreementQuery}...). */
    private static DescribedPredicate<JavaClass> areRepositoriesOrDeclaredInOne() {
        return DescribedPredicate.describe("are repositories (*Repository) or declared in one",
                javaClass -> repositoryOf(javaClass).isPresent());
    }

    private static Optional<JavaClass> repositoryOf(JavaClass javaClass) {
        for (Optional<JavaClass> c = Optional.of(javaClass); c.isPresent(); c = c.get().getEnclosingClass()) {
            if (c.get().getSimpleName().endsWith("Repository")) {
                return c;
            }
        }
        return Optional.empty();
    }

    /**
     * A repository in {@code org.ffmas.crm.X..} may be used by the classes in {@code org.ffmas.crm.X..} (its service,
     * the feature's {@code *Module} that builds it...) and by the composition root (the classes directly in
     * {@code org.ffmas.crm}). A repository of the root itself ({@code PlatformRunRepository}) may be used by the root only.
     */
    private static ArchCondition<JavaClass> beUsedOnlyFromTheirOwnFeatureOrTheCompositionRoot() {
        return new ArchCondition<>("be used only from their own feature or the composition root") {
            @Override
            public void check(JavaClass repositoryType, ConditionEvents events) {
                String feature = featureOf(repositoryType);
                for (Dependency use : repositoryType.getDirectDependenciesToSelf()) {
                    JavaClass user = use.getOriginClass();
                    boolean allowed = user.getPackageName().equals(ROOT) || featureOf(user).equals(feature);
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(use, inRoot(repositoryType.getName()) + " used from "
                                + inRoot(featureOf(user)) + ": " + use.getDescription()));
                    }
                }
            }
        };
    }

    /** {@code org.ffmas.crm.partner} for {@code org.ffmas.crm.partner.x.Y}; {@code org.ffmas.crm} for the root's classes. */
    private static String featureOf(JavaClass javaClass) {
        String pkg = javaClass.getPackageName();
        if (!pkg.startsWith(ROOT + ".")) {
            return pkg;
        }
        int end = pkg.indexOf('.', ROOT.length() + 1);
        return end < 0 ? pkg : pkg.substring(0, end);
    }

    /** {@code partner.CompanyRepository} for {@code org.ffmas.crm.partner.CompanyRepository}. */
    private static String inRoot(String name) {
        return name.startsWith(ROOT + ".") ? name.substring(ROOT.length() + 1) : name;
    }
}
