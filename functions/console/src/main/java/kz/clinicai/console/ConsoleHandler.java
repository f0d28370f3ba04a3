package kz.clinicai.console;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.InitializationWrapper;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.model.HttpApiV2ProxyRequest;
import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.serverless.proxy.spring.SpringBootProxyHandlerBuilder;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.snapstart.Priming;
import kz.clinicai.shared.snapstart.SyntheticEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Lambda entry point of the console (pages under /console and the /api routes): HTTP API payload 2.0 events into
 * Spring MVC through aws-serverless-java-container. Spring starts in the constructor, i.e. during Lambda's init
 * phase, which SnapStart snapshots.
 */
public final class ConsoleHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHandler.class);

    static {
        // Logging is the platform's Log4j 2 configuration (shared); Spring must not reconfigure it.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    }

    private final SpringBootLambdaContainerHandler<HttpApiV2ProxyRequest, AwsProxyResponse> container;

    public ConsoleHandler() {
        this(ConsoleModule.fromEnv(Env.current()));
        Priming.register("ConsoleFunction", Env.current(), env -> prime());
    }

    ConsoleHandler(ConsoleModule module) {
        long start = System.nanoTime();
        // The container builds its SpringApplication itself and takes no initializer; Spring Boot's hook reaches
        // the application this thread runs (the initialization below is synchronous) and registers the module's
        // objects on its context before the configuration classes are read. No static field carries the module.
        this.container = SpringApplication.withHook(application -> new SpringApplicationRunListener() {
            @Override
            public void contextPrepared(ConfigurableApplicationContext context) {
                module.registerBeans((GenericApplicationContext) context);
            }
        }, ConsoleHandler::startSpring);
        LOG.info("console Spring context started in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private static SpringBootLambdaContainerHandler<HttpApiV2ProxyRequest, AwsProxyResponse> startSpring() {
        try {
            return new SpringBootProxyHandlerBuilder<HttpApiV2ProxyRequest>()
                    .defaultHttpApiV2Proxy()
                    .servletApplication()
                    .springBootApplication(ConsoleApplication.class)
                    // Synchronous: the builder's default starts Spring on a background thread and lets the first
                    // request wait for it, which SnapStart would snapshot half-done (and the hook would miss).
                    .initializationWrapper(new InitializationWrapper())
                    .buildAndInitialize();
        } catch (ContainerInitializationException e) {
            throw new IllegalStateException("the console's Spring context did not start", e);
        }
    }

    /**
     * SnapStart priming. Unlike the other functions' twins this runs on the real container (a second Spring context
     * would double the snapshot), so it sends only requests that read no data and no secret and connect nowhere:
     * the login page without a cookie (security filter chain, CSRF cookie, Thymeleaf, the MVC dispatcher), a page
     * that redirects to it, and the API without a key (its 401). The CSRF tokens they generate are answered and
     * dropped, never stored; nothing is cached for later requests, so restore has nothing to reinitialise.
     */
    void prime() throws IOException {
        for (String[] request : new String[][] {{"GET", "/console/login"}, {"GET", "/console/assistants"},
                {"GET", "/api/assistants"}}) {
            String event = "{\"version\":\"2.0\",\"routeKey\":\"ANY /" + request[1].split("/")[1] + "/{proxy+}\","
                    + "\"rawPath\":\"" + request[1] + "\",\"rawQueryString\":\"\",\"headers\":{\"accept\":"
                    + "\"text/html\",\"host\":\"priming\",\"user-agent\":\"priming\"},\"requestContext\":"
                    + "{\"accountId\":\"000000000000\",\"apiId\":\"priming\",\"domainName\":\"priming\","
                    + "\"http\":{\"method\":\"" + request[0] + "\",\"path\":\"" + request[1] + "\",\"protocol\":"
                    + "\"HTTP/1.1\",\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"priming\"},\"requestId\":"
                    + "\"priming\",\"routeKey\":\"$default\",\"stage\":\"$default\",\"time\":"
                    + "\"07/Dec/2026:00:00:00 +0000\",\"timeEpoch\":0},\"isBase64Encoded\":false}";
            handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                    SyntheticEvents.context("ConsoleFunction"));
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        container.proxyStream(input, output, context);
    }
}
