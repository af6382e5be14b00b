package io.opencmq.server.cli;

import picocli.CommandLine;

/** The version from the jar manifest ({@code Implementation-Version}); "dev" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"opencmq " + (version == null ? "dev" : version)};
    }
}
