package kz.clinicai.shared.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The request headers a browser sends to this HTTP handler from another origin that are not CORS-safelisted
 * (a custom header such as {@code chat-token}, or {@code content-type} with {@code application/json}). The browser
 * asks in a preflight whether it may send them, and API Gateway answers from the HTTP API's
 * {@code CorsConfiguration.AllowHeaders}: the template contract test fails when that list lacks one of these.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CorsRequestHeaders {

    /** Header names, case-insensitive. */
    String[] value();
}
