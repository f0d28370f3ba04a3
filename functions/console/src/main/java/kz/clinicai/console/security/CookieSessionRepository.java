package kz.clinicai.console.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseCookie;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Sessions that survive across Lambda instances: the whole session (user, session version, expiry) travels in a
 * sealed cookie ({@link SessionSealer}), and each request re-reads the user so that a blocked user, a role change
 * or a password change (which bumps the session version) ends old sessions at once. No HttpSession is used.
 */
public final class CookieSessionRepository implements SecurityContextRepository {

    public static final String COOKIE = "console_session";
    static final Duration LIFETIME = Duration.ofHours(12);

    private final SessionSealer sealer;
    private final UserStore users;
    private final Clock clock;
    private final boolean secure;

    public CookieSessionRepository(SessionSealer sealer, UserStore users, Clock clock, boolean secure) {
        this.sealer = sealer;
        this.users = users;
        this.clock = clock;
        this.secure = secure;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return load(holder.getRequest());
    }

    private SecurityContext load(HttpServletRequest request) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        authenticated(request).ifPresent(context::setAuthentication);
        return context;
    }

    Optional<Authentication> authenticated(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (!COOKIE.equals(cookie.getName())) {
                continue;
            }
            Optional<String> plain = sealer.open(cookie.getValue());
            if (plain.isEmpty()) {
                return Optional.empty();
            }
            String[] parts = plain.get().split("\n");
            if (parts.length != 3) {
                return Optional.empty();
            }
            String email = parts[0];
            int version;
            long expires;
            try {
                version = Integer.parseInt(parts[1]);
                expires = Long.parseLong(parts[2]);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (clock.instant().getEpochSecond() >= expires) {
                return Optional.empty();
            }
            return users.find(email)
                    .filter(ConsoleUser::active)
                    .filter(u -> u.sessionVersion() == version)
                    .map(CookieSessionRepository::authentication);
        }
        return Optional.empty();
    }

    public static Authentication authentication(ConsoleUser user) {
        return UsernamePasswordAuthenticationToken.authenticated(user.email(), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
    }

    /**
     * Nothing to do: the login success handler issues the cookie ({@link #issue}) and logout clears it; a request
     * that merely carried a valid cookie leaves it as it is.
     */
    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
    }

    /** Writes a new session cookie for {@code user} (after login or a password change). */
    public void issue(ConsoleUser user, HttpServletRequest request, HttpServletResponse response) {
        Instant expires = clock.instant().plus(LIFETIME);
        String value = sealer.seal(user.email() + "\n" + user.sessionVersion() + "\n" + expires.getEpochSecond());
        response.addHeader("Set-Cookie", ResponseCookie.from(COOKIE, value).path("/").httpOnly(true).secure(secure)
                .sameSite("Lax").maxAge(LIFETIME).build().toString());
    }

    public void clear(HttpServletResponse response) {
        response.addHeader("Set-Cookie", ResponseCookie.from(COOKIE, "").path("/").httpOnly(true).secure(secure)
                .sameSite("Lax").maxAge(0).build().toString());
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return authenticated(request).isPresent();
    }

}
