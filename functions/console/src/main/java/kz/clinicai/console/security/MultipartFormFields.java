package kz.clinicai.console.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A multipart form's text fields as request parameters, as the Servlet spec has a container give them. The Lambda
 * container (aws-serverless-java-container) parses the parts ({@code getParts}) but its {@code getParameter} reads
 * only the query and url-encoded bodies, so the {@code _csrf} field of an upload form would be unseen by Spring
 * Security's CSRF check (every upload a 403) and {@code @RequestParam} would miss the form's text fields. Runs before
 * the security chain; a body above {@link #MAX_REQUEST_BYTES} is refused here with 413, before anything reads it.
 */
@Configuration
class MultipartFormFields {

    private static final Logger LOG = LoggerFactory.getLogger(MultipartFormFields.class);
    /** The CSV upload's 2 MB with its fields and part headers; the HTTP API and Lambda refuse 6 MB anyway. */
    static final long MAX_REQUEST_BYTES = 3L * 1024 * 1024;
    /** A text field of a form (a clinic, a day, the CSRF token); longer ones are not a form's field. */
    static final int MAX_FIELD_BYTES = 4096;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> multipartFormFieldsFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter());
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        registration.addUrlPatterns("/console/*");
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String type = request.getContentType();
            if (!"POST".equals(request.getMethod()) || type == null
                    || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
                chain.doFilter(request, response);
                return;
            }
            if (request.getContentLengthLong() > MAX_REQUEST_BYTES) {
                response.setStatus(413);
                response.setContentType("text/html;charset=UTF-8");
                response.getWriter().write("<!doctype html><html lang=\"ru\"><meta charset=\"utf-8\"><title>413</title>"
                        + "<p>Файл слишком большой: не больше " + MAX_REQUEST_BYTES / 1024 / 1024 + " МБ на форму. "
                        + "<a href=\"javascript:history.back()\">Назад</a></p></html>");
                return;
            }
            Map<String, List<String>> fields = new LinkedHashMap<>();
            try {
                for (Part part : request.getParts()) {
                    if (part.getSubmittedFileName() == null && part.getSize() <= MAX_FIELD_BYTES) {
                        try (InputStream in = part.getInputStream()) {
                            fields.computeIfAbsent(part.getName(), k -> new ArrayList<>())
                                    .add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            } catch (IOException | ServletException | RuntimeException e) {
                // A body that is not multipart after all: the form's handler (or the CSRF check) refuses it.
                LOG.warn("multipart form on {} not readable: {}", request.getRequestURI(), e.toString());
            }
            chain.doFilter(new Fields(request, fields), response);
        }
    }

    /** The request with the form's text fields after the container's own parameters. */
    static final class Fields extends HttpServletRequestWrapper {
        private final Map<String, List<String>> fields;

        Fields(HttpServletRequest request, Map<String, List<String>> fields) {
            super(request);
            this.fields = fields;
        }

        @Override
        public String getParameter(String name) {
            String own = super.getParameter(name);
            if (own != null) {
                return own;
            }
            List<String> values = fields.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] own = super.getParameterValues(name);
            if (own != null && own.length > 0) {
                return own;
            }
            List<String> values = fields.get(name);
            return values == null ? own : values.toArray(String[]::new);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            Map<String, String[]> map = new LinkedHashMap<>();
            fields.forEach((k, v) -> map.put(k, v.toArray(String[]::new)));
            map.putAll(super.getParameterMap());
            return Collections.unmodifiableMap(map);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            Set<String> names = new LinkedHashSet<>(fields.keySet());
            names.addAll(Collections.list(super.getParameterNames()));
            return Collections.enumeration(names);
        }
    }
}
