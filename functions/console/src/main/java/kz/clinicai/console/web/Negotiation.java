package kz.clinicai.console.web;

import jakarta.servlet.http.HttpServletRequest;

/** Browsers ask for HTML and get an error page; every other caller gets the platform's JSON error body. */
public final class Negotiation {

    private Negotiation() {
    }

    public static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html") && !request.getRequestURI().startsWith("/api/");
    }
}
