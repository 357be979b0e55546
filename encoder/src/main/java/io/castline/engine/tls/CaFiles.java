package io.castline.engine.tls;

import java.io.IOException;
import java.nio.file.Path;

/** Checks a CA file a host gives for a destination, before going live (the CLI, the studio's settings). */
public final class CaFiles {
    private CaFiles() {}

    /** Why {@code file} cannot be trusted as a CA file ("… does not exist", "… holds no certificate"), or null. */
    public static String problem(Path file) {
        try {
            Pem.read(file);
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
