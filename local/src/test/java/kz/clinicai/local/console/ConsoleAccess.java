package kz.clinicai.local.console;

/**
 * What tests outside this package need of the console (the OpenAPI conformance test): a console API key of the
 * admin, and an assistant, made through the console's own pages as a person would.
 */
public final class ConsoleAccess {

    private ConsoleAccess() {
    }

    /** A new API key ({@code ck_…}) of the admin, made on /console/settings. */
    public static String adminApiKey(String label) {
        return ConsoleApiIT.createKey(ConsoleUsers.loggedInAdmin(), label);
    }

    /** A new assistant (through the console's form); returns its id. */
    public static String assistant(String name, String model, String instructions) {
        return ConsoleUsers.createAssistant(ConsoleUsers.loggedInAdmin(), name, model, instructions, "", "");
    }
}
