package io.opencmq.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering of docs/architecture: protocol adapters and storage depend on the core, the
 * core on nothing but the JDK, and nothing on the server that wires them together. The
 * server's test classpath is the one place that sees all modules, so the check lives here.
 * (ArchUnit fails a rule whose "that" matches no class, so a rule cannot pass vacuously.)
 */
class ArchitectureTest {
    private static JavaClasses opencmq;

    @BeforeAll
    static void importClasses() {
        opencmq = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.opencmq");
    }

    @Test
    void coreDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("io.opencmq.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "io.opencmq.core..")
                .check(opencmq);
    }

    @Test
    void storeKnowsNeitherProtocolsNorServer() {
        noClasses().that().resideInAPackage("io.opencmq.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.opencmq.protocol..", "io.opencmq.server..")
                .check(opencmq);
    }

    @Test
    void protocolsDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("io.opencmq.protocol.cmq..")
                .should().dependOnClassesThat().resideInAnyPackage("io.opencmq.protocol.sqs..")
                .check(opencmq);
        noClasses().that().resideInAPackage("io.opencmq.protocol.sqs..")
                .should().dependOnClassesThat().resideInAnyPackage("io.opencmq.protocol.cmq..")
                .check(opencmq);
    }

    @Test
    void sharedProtocolHelpersDependOnTheJdkOnly() {
        classes().that().resideInAPackage("io.opencmq.protocol.common..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.opencmq.protocol.common..")
                .check(opencmq);
    }

    @Test
    void protocolsKnowNeitherStorageNorServer() {
        noClasses().that().resideInAPackage("io.opencmq.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("io.opencmq.store..", "io.opencmq.server..")
                .check(opencmq);
    }
}
