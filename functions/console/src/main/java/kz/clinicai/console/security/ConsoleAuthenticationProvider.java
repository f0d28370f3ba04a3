package kz.clinicai.console.security;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Form login: throttling first, then the BCrypt check, then the account's status. */
final class ConsoleAuthenticationProvider implements AuthenticationProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAuthenticationProvider.class);
    private final String dummyHash;

    private final UserStore users;
    private final LoginThrottle throttle;
    private final PasswordEncoder encoder;

    ConsoleAuthenticationProvider(UserStore users, LoginThrottle throttle, PasswordEncoder encoder) {
        this.users = users;
        this.throttle = throttle;
        this.encoder = encoder;
        // Compared against when the email is unknown, so the answer takes as long as for a known one.
        this.dummyHash = encoder.encode("no-such-user");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = UserStore.normalise(authentication.getName());
        String password = String.valueOf(authentication.getCredentials());
        String ip = authentication.getDetails() instanceof WebAuthenticationDetails d && d.getRemoteAddress() != null
                ? d.getRemoteAddress() : "unknown";
        if (throttle.blocked(email, ip)) {
            LOG.warn("login refused by throttling for an account from {}", ip);
            throw new LockedException("Слишком много неудачных попыток входа. Попробуйте позже.");
        }
        Optional<ConsoleUser> user = users.find(email);
        boolean matches = encoder.matches(password, user.map(ConsoleUser::passwordHash).orElse(dummyHash));
        if (user.isEmpty() || !matches) {
            throttle.failed(email, ip);
            LOG.info("failed login from {}", ip);
            throw new BadCredentialsException("Неверный email или пароль");
        }
        if (!user.get().active()) {
            throw new DisabledException(user.get().status() == ConsoleUser.Status.PENDING
                    ? "Учётная запись ждёт одобрения администратора" : "Учётная запись заблокирована");
        }
        throttle.succeeded(email);
        return CookieSessionRepository.authentication(user.get());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
