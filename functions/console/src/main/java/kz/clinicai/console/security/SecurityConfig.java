package kz.clinicai.console.security;

import java.time.Clock;
import kz.clinicai.console.store.ConsoleTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what: pages under /console need a login (admin-only pages: users, site settings, balance and budget,
 * model replacement),
 * /api needs a login or an API key; every state-changing browser request needs a CSRF token; sessions are sealed
 * cookies ({@link CookieSessionRepository}); security headers on every answer.
 */
@Configuration
@EnableWebSecurity
class SecurityConfig {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }

    @Bean
    LoginThrottle loginThrottle(ConsoleTable table, Clock clock) {
        return new LoginThrottle(table, clock);
    }

    @Bean
    CookieSessionRepository cookieSessionRepository(SessionCookies cookies, UserStore users, Clock clock) {
        return new CookieSessionRepository(new SessionSealer(cookies.base64Key()), users, clock, cookies.secure());
    }

    /** Spring Security's firewall (encoded slashes, NUL, unknown methods…): 400 with the JSON error body. */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> ApiErrors.write(response, 400, "invalid_request",
                "Запрос отклонён: недопустимый путь или метод");
    }

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, SessionCookies cookies, CookieSessionRepository sessions,
                                    UserStore users, ApiKeys keys, LoginThrottle throttle, PasswordEncoder encoder)
            throws Exception {
        RequestMatcher api = request -> request.getRequestURI().startsWith("/api/");
        RequestMatcher bearer = request -> ApiKeyFilter.presentedKey(request) != null;
        CookieCsrfTokenRepository csrf = new CookieCsrfTokenRepository();
        csrf.setCookieCustomizer(c -> c.path("/").secure(cookies.secure()).sameSite("Lax"));

        http
                .securityContext(c -> c.securityContextRepository(sessions))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(r -> r.disable())
                .authenticationProvider(new ConsoleAuthenticationProvider(users, throttle, encoder))
                .addFilterBefore(new ApiKeyFilter(keys, users), UsernamePasswordAuthenticationFilter.class)
                .csrf(c -> c.csrfTokenRepository(csrf).ignoringRequestMatchers(bearer))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/console", "/console/", "/console/login", "/console/register",
                                "/console/webjars/**", "/console/static/**", "/console/error").permitAll()
                        .requestMatchers("/console/users/**", "/console/settings/site/**", "/console/models",
                                "/console/models/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/console/**", "/api/**").hasAnyRole("ADMIN", "EDITOR")
                        .anyRequest().denyAll())
                .formLogin(f -> f
                        .loginPage("/console/login")
                        .loginProcessingUrl("/console/login")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .successHandler((request, response, authentication) -> {
                            users.find(authentication.getName())
                                    .ifPresent(u -> sessions.issue(u, request, response));
                            response.sendRedirect("/console/dashboard");
                        })
                        .failureHandler((request, response, e) -> response.sendRedirect("/console/login?error="
                                + (e instanceof LockedException ? "locked"
                                : e instanceof DisabledException d && d.getMessage().contains("одобрения") ? "pending"
                                : e instanceof DisabledException ? "blocked" : "bad")))
                        .permitAll())
                .logout(l -> l
                        .logoutUrl("/console/logout")
                        .addLogoutHandler((request, response, authentication) -> sessions.clear(response))
                        .logoutSuccessUrl("/console/login?logout"))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor((request, response, ex) ->
                                ApiErrors.write(response, 401, "unauthorized",
                                        "Нужен вход в консоль или API-ключ (Authorization: Bearer ck_…)"), api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/console/login"),
                                request -> true)
                        .accessDeniedHandler((request, response, ex) -> {
                            boolean csrfFailure = ex instanceof CsrfException;
                            if (api.matches(request)) {
                                ApiErrors.write(response, 403, csrfFailure ? "csrf" : "forbidden", csrfFailure
                                        ? "Нет CSRF-токена: запрос из браузера должен нести заголовок X-XSRF-TOKEN"
                                        : "Недостаточно прав");
                            } else if (!kz.clinicai.console.web.Negotiation.wantsHtml(request)) {
                                ApiErrors.write(response, 403, csrfFailure ? "csrf" : "forbidden", csrfFailure
                                        ? "Нет CSRF-токена" : "Недостаточно прав");
                            } else {
                                // A plain page, not a redirect: the status itself must say "refused".
                                response.setStatus(403);
                                response.setContentType("text/html;charset=UTF-8");
                                response.getWriter().write("<!doctype html><html lang=\"ru\"><meta charset=\"utf-8\">"
                                        + "<link rel=\"icon\" type=\"image/svg+xml\" href=\"/console/static/favicon.svg\">"
                                        + "<title>403</title><p>" + (csrfFailure
                                        ? "Форма устарела или отправлена не из консоли (нет CSRF-токена). "
                                        : "Недостаточно прав. ")
                                        + "<a href=\"/console/dashboard\">Назад в консоль</a></p></html>");
                            }
                        }))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .httpStrictTransportSecurity(hsts -> hsts.requestMatcher(request -> cookies.secure())
                                .maxAgeInSeconds(31536000)));
        return http.build();
    }
}
