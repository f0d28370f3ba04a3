package kz.clinicai.console;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.InitializationWrapper;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.model.HttpApiV2ProxyRequest;
import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.serverless.proxy.spring.SpringBootProxyHandlerBuilder;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import kz.clinicai.shared.config.Env;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    }

    public ConsoleHandler(ConsoleModule module) {
        long start = System.nanoTime();
        ConsoleBeans.prepare(module);
        try {
            this.container = new SpringBootProxyHandlerBuilder<HttpApiV2ProxyRequest>()
                    .defaultHttpApiV2Proxy()
                    .servletApplication()
                    .springBootApplication(ConsoleApplication.class)
                    // Synchronous: the builder's default starts Spring on a background thread and lets the first
                    // request wait for it, which SnapStart would snapshot half-done.
                    .initializationWrapper(new InitializationWrapper())
                    .buildAndInitialize();
        } catch (ContainerInitializationException e) {
            throw new IllegalStateException("the console's Spring context did not start", e);
        }
        LOG.info("console Spring context started in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        container.proxyStream(input, output, context);
    }
}
