package dev.feedctl.cli;

import picocli.CommandLine;

/** The version from the jar manifest (set by Maven), or "dev" when run from classes. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return lines();
    }

    /** The version text, ready to print: {@code feedctl --version} prints it without building any command. */
    static String[] lines() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"feedctl " + (v == null ? "dev" : v), "Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + "), " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch")};
    }
}
