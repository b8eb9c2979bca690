package org.manyfaces.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/** The ManyFaces version, from the jar's Maven metadata; "development build" when run from class folders. */
public final class ManyFacesVersion implements IVersionProvider {
    private static final String POM_PROPERTIES = "/META-INF/maven/org.manyfaces/manyfaces-plugin/pom.properties";

    /** The version string, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String get() {
        String v = ManyFacesVersion.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try (InputStream in = ManyFacesVersion.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String fromPom = p.getProperty("version");
                if (fromPom != null && !fromPom.isBlank()) {
                    return fromPom;
                }
            }
        } catch (IOException ignored) {
            // fall through to the development label
        }
        return "development build";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"manyfaces " + get(), "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
