package kz.clinicai.local.invoke;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import kz.clinicai.local.template.FunctionDef;
import kz.clinicai.local.template.TemplateException;

/**
 * One warm handler instance and the method Lambda would call on it ({@code Handler: a.b.C} → handleRequest,
 * {@code a.b.C::m} → m), taking an event (deserialised to the method's declared type) or streams.
 */
final class LoadedHandler {

    private final Object instance;
    private final Method method;
    private final boolean streams;
    private final Type eventType;
    private final boolean takesContext;

    private LoadedHandler(Object instance, Method method) {
        this.instance = instance;
        this.method = method;
        Class<?>[] params = method.getParameterTypes();
        this.streams = params.length >= 2 && params[0] == InputStream.class && params[1] == OutputStream.class;
        this.eventType = params.length == 0 || streams ? null : method.getGenericParameterTypes()[0];
        this.takesContext = params.length > 0 && params[params.length - 1] == Context.class;
        method.setAccessible(true);
    }

    static LoadedHandler create(FunctionDef function, ClassLoader loader) throws ReflectiveOperationException {
        String className = function.handlerClass();
        if (className == null) {
            throw new TemplateException(function.logicalId() + " has no Handler");
        }
        Class<?> type = Class.forName(className, true, loader);
        Object instance = type.getDeclaredConstructor().newInstance();
        int sep = function.handler().indexOf("::");
        String methodName = sep < 0 ? "handleRequest" : function.handler().substring(sep + 2);
        return new LoadedHandler(instance, method(type, methodName, function));
    }

    /** Like the runtime: a stream handler's 3-argument method, else the most specific non-bridge overload. */
    private static Method method(Class<?> type, String name, FunctionDef function) {
        if (RequestStreamHandler.class.isAssignableFrom(type) && name.equals("handleRequest")) {
            try {
                return type.getMethod(name, InputStream.class, OutputStream.class, Context.class);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && !m.isBridge() && !Modifier.isStatic(m.getModifiers())
                        && m.getParameterCount() <= 3)
                .max(Comparator.comparingInt(Method::getParameterCount)
                        .thenComparing(m -> m.getParameterCount() > 0 && m.getParameterTypes()[0] != Object.class))
                .orElseThrow(() -> new TemplateException(function.logicalId() + ": " + type.getName()
                        + " has no public method " + name));
    }

    Object instance() {
        return instance;
    }

    /** Runs the handler; returns the response as JSON. */
    byte[] handle(byte[] event, Context context) throws Throwable {
        ClassLoader loader = instance.getClass().getClassLoader();
        try {
            if (streams) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                method.invoke(instance, new ByteArrayInputStream(event), out, context);
                return out.toByteArray();
            }
            Object result;
            if (eventType == null) {
                result = method.invoke(instance);
            } else if (takesContext && method.getParameterCount() == 2) {
                result = method.invoke(instance, EventCodec.read(event, eventType, loader), context);
            } else {
                result = method.invoke(instance, EventCodec.read(event, eventType, loader));
            }
            return method.getReturnType() == void.class ? "null".getBytes() : EventCodec.write(result, loader);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
