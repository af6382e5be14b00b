package io.opencmq.server;

import io.opencmq.core.auth.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsResolverTest {
    @TempDir
    Path dataDir;

    private final Map<String, String> environment = new HashMap<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final CredentialsResolver resolver = new CredentialsResolver(environment::get,
            new PrintStream(console, true, StandardCharsets.UTF_8));

    private String printed() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void configuredCredentialsWinOverEverythingElse() throws Exception {
        environment.put(CredentialsResolver.ENV_SECRET_ID, "AKIDfromEnv");
        environment.put(CredentialsResolver.ENV_SECRET_KEY, "keyFromEnv");
        Credentials configured = new Credentials("AKIDconfigured", "configuredKey");

        ResolvedCredentials resolved = resolver.resolve(configured, dataDir);

        assertThat(resolved).isEqualTo(new ResolvedCredentials(configured, ResolvedCredentials.Origin.CONFIG));
        assertThat(dataDir.resolve(CredentialsResolver.FILE_NAME)).doesNotExist();
    }

    @Test
    void environmentWinsOverTheDataDir() throws Exception {
        Credentials generated = resolver.resolve(null, dataDir).credentials();
        environment.put(CredentialsResolver.ENV_SECRET_ID, "AKIDfromEnv");
        environment.put(CredentialsResolver.ENV_SECRET_KEY, "keyFromEnv");

        ResolvedCredentials resolved = resolver.resolve(null, dataDir);

        assertThat(resolved.credentials()).isEqualTo(new Credentials("AKIDfromEnv", "keyFromEnv"));
        assertThat(resolved.credentials()).isNotEqualTo(generated);
        assertThat(resolved.origin()).isEqualTo(ResolvedCredentials.Origin.ENVIRONMENT);
    }

    @Test
    void onlyOneEnvironmentVariableIsAStartupErrorNamingBoth() {
        environment.put(CredentialsResolver.ENV_SECRET_KEY, "keyFromEnv");

        assertThatThrownBy(() -> resolver.resolve(null, dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OPENCMQ_SECRET_KEY is set but OPENCMQ_SECRET_ID is not");
        assertThat(dataDir.resolve(CredentialsResolver.FILE_NAME)).doesNotExist();
    }

    @Test
    void firstStartGeneratesStoresAndPrintsOnce() throws Exception {
        ResolvedCredentials first = resolver.resolve(null, dataDir);

        Credentials c = first.credentials();
        assertThat(first.origin()).isEqualTo(ResolvedCredentials.Origin.GENERATED);
        assertThat(c.secretId()).matches("AKID[A-Za-z0-9]{32}");
        assertThat(c.secretKey()).matches("[A-Za-z0-9]{32}");
        assertThat(printed()).contains(c.secretId()).contains(c.secretKey());

        Path file = dataDir.resolve(CredentialsResolver.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("secretId=" + c.secretId()).contains("secretKey=" + c.secretKey());

        console.reset();
        ResolvedCredentials second = resolver.resolve(null, dataDir);
        assertThat(second).isEqualTo(new ResolvedCredentials(c, ResolvedCredentials.Origin.DATA_DIR));
        assertThat(printed()).isEmpty();
    }

    @Test
    void generatedPairsDiffer() throws Exception {
        Path other = Files.createDirectory(dataDir.resolve("other"));

        Credentials a = resolver.resolve(null, dataDir).credentials();
        Credentials b = resolver.resolve(null, other).credentials();

        assertThat(a.secretId()).isNotEqualTo(b.secretId());
        assertThat(a.secretKey()).isNotEqualTo(b.secretKey());
    }

    @Test
    void fileWithoutAKeyIsAStartupError() throws Exception {
        Files.writeString(dataDir.resolve(CredentialsResolver.FILE_NAME), "secretId=AKIDonly\n");

        assertThatThrownBy(() -> resolver.resolve(null, dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("secretKey");
    }

    @Test
    void handWrittenFileIsUsedAsIs() throws Exception {
        Files.writeString(dataDir.resolve(CredentialsResolver.FILE_NAME), "secretId = AKIDmine\nsecretKey = myKey\n");

        assertThat(resolver.resolve(null, dataDir))
                .isEqualTo(new ResolvedCredentials(new Credentials("AKIDmine", "myKey"), ResolvedCredentials.Origin.DATA_DIR));
        assertThat(printed()).isEmpty();
    }
}
