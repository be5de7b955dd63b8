package dev.dapple.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.util.Map;

/** The browser's way in when {@code dapple.auth.read=token}: a form that trades the admin token for a cookie. */
@Controller("/login")
public final class LoginController {

    private final AdminToken token;

    public LoginController(AdminToken token) {
        this.token = token;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public ModelAndView<Map<String, Object>> form(@Nullable @QueryValue String next) {
        return new ModelAndView<>("login", Map.of("next", safeNext(next), "failed", false));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> signIn(@Body LoginForm form) {
        if (!token.matches(form.token())) {
            return HttpResponse.unauthorized()
                    .body(new ModelAndView<>("login", Map.of("next", safeNext(form.next()), "failed", true)));
        }
        Cookie session = Cookie.of(AdminTokenFilter.SESSION_COOKIE, token.sessionValue())
                .httpOnly(true).path("/").sameSite(SameSite.Strict);
        return HttpResponse.seeOther(URI.create(safeNext(form.next()))).cookie(session);
    }

    /** Only local paths: a login link must not bounce the user to another site. */
    static String safeNext(@Nullable String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
            return "/";
        }
        return next;
    }

    @Serdeable
    public record LoginForm(@Nullable String token, @Nullable String next) {
    }
}
