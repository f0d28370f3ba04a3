package kz.clinicai.console.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer ck_…} on /api: the key's owner, if still active, is the caller. A request with a
 * key is not a browser's, so it needs no CSRF token (SecurityConfig exempts requests carrying this header).
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    private final ApiKeys keys;
    private final UserStore users;

    ApiKeyFilter(ApiKeys keys, UserStore users) {
        this.keys = keys;
        this.users = users;
    }

    static String presentedKey(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        return null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = presentedKey(request);
        if (key != null) {
            var user = keys.owner(key).flatMap(users::find).filter(ConsoleUser::active);
            if (user.isEmpty()) {
                ApiErrors.write(response, 401, "invalid_api_key", "Неверный или отозванный API-ключ");
                return;
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(CookieSessionRepository.authentication(user.get()));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
