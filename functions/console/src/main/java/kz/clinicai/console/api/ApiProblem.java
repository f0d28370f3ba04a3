package kz.clinicai.console.api;

/** A 4xx for the API caller: {@code {"error": code, "message": ...}}. */
final class ApiProblem extends RuntimeException {

    private final int status;
    private final String code;

    ApiProblem(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
