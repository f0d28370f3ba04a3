package kz.clinicai.local.template;

/** The template cannot be read or says something this platform cannot run. */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
