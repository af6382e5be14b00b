package io.opencmq.server;

import io.opencmq.core.auth.Credentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which key pair the server accepts, in this order: the one in the configuration; the
 * environment ({@code OPENCMQ_SECRET_ID} and {@code OPENCMQ_SECRET_KEY}, both or neither);
 * {@code credentials.properties} in the data dir; otherwise a new pair, generated with
 * {@link SecureRandom}, written to that file (mode 600) and printed once to the console so
 * the operator can copy it into clients. The secret key is never logged.
 *
 * <p>The environment lookup and the console are injected so tests need not touch the real
 * process environment.
 */
public final class CredentialsResolver {
    public static final String ENV_SECRET_ID = "OPENCMQ_SECRET_ID";
    public static final String ENV_SECRET_KEY = "OPENCMQ_SECRET_KEY";
    public static final String FILE_NAME = "credentials.properties";

    private static final Logger log = LoggerFactory.getLogger(CredentialsResolver.class);
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int RANDOM_LENGTH = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Function<String, String> environment;
    private final PrintStream console;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param environment looks up an environment variable (production: {@code System::getenv})
     * @param console where a freshly generated pair is announced (production: stdout)
     */
    public CredentialsResolver(Function<String, String> environment, PrintStream console) {
        this.environment = environment;
        this.console = console;
    }

    public ResolvedCredentials resolve(Credentials configured, Path dataDir) throws IOException {
        if (configured != null) {
            return new ResolvedCredentials(configured, ResolvedCredentials.Origin.CONFIG);
        }
        Credentials fromEnvironment = fromEnvironment();
        if (fromEnvironment != null) {
            return new ResolvedCredentials(fromEnvironment, ResolvedCredentials.Origin.ENVIRONMENT);
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return new ResolvedCredentials(load(file), ResolvedCredentials.Origin.DATA_DIR);
        }
        Credentials generated = generate();
        store(generated, file);
        announce(generated, file);
        return new ResolvedCredentials(generated, ResolvedCredentials.Origin.GENERATED);
    }

    private Credentials fromEnvironment() {
        String id = blankToNull(environment.apply(ENV_SECRET_ID));
        String key = blankToNull(environment.apply(ENV_SECRET_KEY));
        if (id == null && key == null) {
            return null;
        }
        if (id == null || key == null) {
            String set = id != null ? ENV_SECRET_ID : ENV_SECRET_KEY;
            String missing = id != null ? ENV_SECRET_KEY : ENV_SECRET_ID;
            throw new IllegalStateException(set + " is set but " + missing
                    + " is not: set both to choose the credentials, or neither to use the ones in the data dir");
        }
        return new Credentials(id, key);
    }

    private static Credentials load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String id = blankToNull(properties.getProperty("secretId"));
        String key = blankToNull(properties.getProperty("secretKey"));
        if (id == null || key == null) {
            throw new IllegalStateException(file + " must define both secretId and secretKey;"
                    + " fix it, or delete it to have a new pair generated");
        }
        warnIfReadableByOthers(file);
        return new Credentials(id, key);
    }

    private static void warnIfReadableByOthers(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            log.warn("{} is accessible by other users ({}); consider chmod 600",
                    file, PosixFilePermissions.toString(permissions));
        }
    }

    private Credentials generate() {
        return new Credentials("AKID" + randomAlphanumerics(), randomAlphanumerics());
    }

    private String randomAlphanumerics() {
        StringBuilder sb = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            sb.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return sb.toString();
    }

    /** Writes the pair to a private temporary file first, so a crash never leaves half a file. */
    private static void store(Credentials credentials, Path file) throws IOException {
        String content = "# opencmq credentials, generated on first start. Clients sign requests with this pair.\n"
                + "# Keep this file private. Delete it and restart to generate a new pair.\n"
                + "secretId=" + credentials.secretId() + "\n"
                + "secretKey=" + credentials.secretKey() + "\n";
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        boolean posix = Files.getFileStore(file.getParent()).supportsFileAttributeView("posix");
        if (posix) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(tmp);
        }
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private void announce(Credentials credentials, Path file) {
        String rule = "=".repeat(78);
        console.println(rule);
        console.println(" opencmq generated credentials for this server. They are shown only this once.");
        console.println();
        console.println("   SecretId : " + credentials.secretId());
        console.println("   SecretKey: " + credentials.secretKey());
        console.println();
        console.println(" Clients sign every request with this pair. It is stored in");
        console.println("   " + file.toAbsolutePath());
        console.println(" (readable by you only). To choose your own pair instead, set " + ENV_SECRET_ID);
        console.println(" and " + ENV_SECRET_KEY + " before starting the server.");
        console.println(rule);
        console.flush();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
