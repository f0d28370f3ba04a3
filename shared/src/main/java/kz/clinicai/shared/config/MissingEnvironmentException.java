package kz.clinicai.shared.config;

/** A required environment variable is not set: the function cannot start. */
public final class MissingEnvironmentException extends IllegalStateException {

    private final String name;

    public MissingEnvironmentException(String name) {
        super("Environment variable " + name + " is not set; declare it for this function in template.yaml");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
