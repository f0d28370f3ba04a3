package kz.clinicai.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project folder: the nearest folder up from the working directory holding template.yaml and pom.xml. */
public final class ProjectRoot {

    private ProjectRoot() {
    }

    public static Path find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No folder holding template.yaml and pom.xml above " + start.toAbsolutePath()
                + "; run from the project or pass --template");
    }
}
