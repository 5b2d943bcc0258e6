package dev.feedctl.cli;

import picocli.CommandLine;

/** The version from the jar manifest (set by Maven), or "dev" when run from classes. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"feedctl " + (v == null ? "dev" : v),
            "Java ${java.version} (${java.vendor}), ${os.name} ${os.arch}"};
    }
}
