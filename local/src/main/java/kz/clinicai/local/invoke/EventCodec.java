package kz.clinicai.local.invoke;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;

/**
 * JSON ↔ handler types the way the Java Lambda runtime does it: the events library's mixins for the events it
 * knows (SQSEvent, ScheduledEvent...), its shaded Jackson for everything else (APIGatewayV2HTTPEvent, POJOs).
 */
public final class EventCodec {

    private EventCodec() {
    }

    @SuppressWarnings("unchecked")
    public static <T> T read(byte[] json, Type type, ClassLoader loader) {
        if (type instanceof Class<?> cls && LambdaEventSerializers.isLambdaSupportedEvent(cls.getName())) {
            return (T) LambdaEventSerializers.serializerFor(cls, loader).fromJson(new ByteArrayInputStream(json));
        }
        return (T) JacksonFactory.getInstance().getSerializer(type).fromJson(new ByteArrayInputStream(json));
    }

    @SuppressWarnings("unchecked")
    public static byte[] write(Object value, ClassLoader loader) {
        if (value == null) {
            return "null".getBytes();
        }
        Class<Object> cls = (Class<Object>) value.getClass();
        PojoSerializer<Object> serializer = LambdaEventSerializers.isLambdaSupportedEvent(cls.getName())
                ? LambdaEventSerializers.serializerFor(cls, loader)
                : JacksonFactory.getInstance().getSerializer(cls);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(value, out);
        return out.toByteArray();
    }
}
