package io.layerline.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules every service's package tree keeps: the domain imports nothing but Java and itself; the application
 * layer does not know its adapters; incoming adapters call use cases, never a port; every application interface an
 * outgoing adapter implements is a port, in {@code application.port}; incoming and outgoing adapters do not import
 * each other. Each service has
 * an {@code ArchitectureTest} that extends this class with its root package.
 */
public abstract class ServiceArchitecture {

    private final String root;
    private final JavaClasses classes;

    /** @param root the package the service's production classes start with, e.g. {@code io.layerline.build} */
    protected ServiceArchitecture(String root) {
        this.root = root;
        this.classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
    }

    @Test
    void theDomainImportsNothingButJavaAndItself() {
        classes().that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", root + ".domain..")
                .because("the domain is pure Java: no Micronaut, Kafka, JDBC, Jackson or contracts")
                .check(classes);
    }

    @Test
    void theApplicationLayerDoesNotKnowItsAdapters() {
        noClasses().that().resideInAPackage(root + ".application..")
                .should().dependOnClassesThat().resideInAPackage(root + ".adapter..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void incomingAdaptersCallUseCasesAndNeverAPort() {
        noClasses().that().resideInAPackage(root + ".adapter.in..")
                .should().dependOnClassesThat().resideInAPackage(root + ".application.port..")
                .because("a controller or listener calls a use case; what the use case needs from outside is its own")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void everyApplicationInterfaceAnOutgoingAdapterImplementsIsAPort() {
        classes().that().resideInAPackage(root + ".adapter.out..")
                .should(new ArchCondition<JavaClass>("implement only application interfaces that are in "
                        + root + ".application.port") {
                    @Override
                    public void check(JavaClass adapter, ConditionEvents events) {
                        adapter.getAllRawInterfaces().stream()
                                .filter(type -> type.getPackageName().startsWith(root + ".application"))
                                .filter(type -> !type.getPackageName().startsWith(root + ".application.port"))
                                .forEach(type -> events.add(SimpleConditionEvent.violated(adapter,
                                        adapter.getName() + " implements " + type.getName() + ", not a port")));
                    }
                })
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void nothingInThePortPackageIsABean() {
        classes().that().resideInAPackage(root + ".application.port..")
                .should().notBeAnnotatedWith("jakarta.inject.Singleton")
                .because("a port is implemented by an adapter; a bean in the port package would be a use case")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void incomingAndOutgoingAdaptersDoNotImportEachOther() {
        noClasses().that().resideInAPackage(root + ".adapter.in..")
                .should().dependOnClassesThat().resideInAPackage(root + ".adapter.out..")
                .allowEmptyShould(true)
                .check(classes);
        noClasses().that().resideInAPackage(root + ".adapter.out..")
                .should().dependOnClassesThat().resideInAPackage(root + ".adapter.in..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
